package io.parley.routing.expression;

import java.util.List;
import java.util.stream.Stream;

/**
 * A parsed routing expression (see {@link ExpressionParser} for the language). Expressions are parsed once and then
 * evaluated against {@link Attributes}; nothing is ever evaluated by building strings.
 */
public sealed interface Expression {

    /** Evaluates to a value: a boolean for conditions, or a string, number, list or null for operands. */
    Object evaluate(Attributes attributes);

    /** The attribute paths this expression reads, e.g. {@code classification.category}, in order of appearance. */
    default List<String> paths() {
        return switch (this) {
            case Literal ignored -> List.of();
            case Path path -> List.of(path.toString());
            case ListOf list -> list.items().stream().flatMap(item -> item.paths().stream()).toList();
            case Not not -> not.operand().paths();
            case And and -> concat(and.left(), and.right());
            case Or or -> concat(or.left(), or.right());
            case Compare compare -> concat(compare.left(), compare.right());
        };
    }

    private static List<String> concat(Expression left, Expression right) {
        return Stream.concat(left.paths().stream(), right.paths().stream()).distinct().toList();
    }

    /** Whether this expression holds for {@code attributes}; anything but {@code true} counts as false. */
    default boolean test(Attributes attributes) {
        return Boolean.TRUE.equals(evaluate(attributes));
    }

    /** A string, number ({@link java.math.BigDecimal}), boolean or null. */
    record Literal(Object value) implements Expression {

        @Override
        public Object evaluate(Attributes attributes) {
            return value;
        }
    }

    /** An attribute such as {@code classification.category}. */
    record Path(List<String> segments) implements Expression {

        public Path {
            segments = List.copyOf(segments);
        }

        @Override
        public Object evaluate(Attributes attributes) {
            return Values.normalize(attributes.resolve(segments));
        }

        @Override
        public String toString() {
            return String.join(".", segments);
        }
    }

    /** A list of operands, the right side of {@code IN}. */
    record ListOf(List<Expression> items) implements Expression {

        public ListOf {
            items = List.copyOf(items);
        }

        @Override
        public Object evaluate(Attributes attributes) {
            return items.stream().map(item -> item.evaluate(attributes)).toList();
        }
    }

    /** {@code NOT operand}. */
    record Not(Expression operand) implements Expression {

        @Override
        public Object evaluate(Attributes attributes) {
            return !operand.test(attributes);
        }
    }

    /** {@code left AND right}; the right side is evaluated only when the left holds. */
    record And(Expression left, Expression right) implements Expression {

        @Override
        public Object evaluate(Attributes attributes) {
            return left.test(attributes) && right.test(attributes);
        }
    }

    /** {@code left OR right}; the right side is evaluated only when the left does not hold. */
    record Or(Expression left, Expression right) implements Expression {

        @Override
        public Object evaluate(Attributes attributes) {
            return left.test(attributes) || right.test(attributes);
        }
    }

    /** A comparison: {@code == != < > <= >= IN HAS CONTAINS}. */
    record Compare(Operator operator, Expression left, Expression right) implements Expression {

        @Override
        public Object evaluate(Attributes attributes) {
            return operator.apply(left.evaluate(attributes), right.evaluate(attributes));
        }
    }
}
