package io.parley.routing.expression;

import java.util.Collection;
import java.util.Locale;

/** The comparison operators and their meaning. A comparison of incompatible values is false, never an error. */
public enum Operator {
    /** Equal; numbers compare by value ({@code 3 == 3.0}); {@code null == null}. */
    EQ("=="),
    NE("!="),
    LT("<"),
    GT(">"),
    LE("<="),
    GE(">="),
    /** The left value equals one of the list on the right. */
    IN("IN"),
    /** The collection on the left contains the value on the right (e.g. {@code operator.skills HAS 'claims'}). */
    HAS("HAS"),
    /** The text on the left contains the text on the right, ignoring case; or a collection contains the value. */
    CONTAINS("CONTAINS");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    boolean apply(Object left, Object right) {
        return switch (this) {
            case EQ -> Values.same(left, right);
            case NE -> !Values.same(left, right);
            case LT -> Values.order(left, right).map(o -> o < 0).orElse(false);
            case GT -> Values.order(left, right).map(o -> o > 0).orElse(false);
            case LE -> Values.order(left, right).map(o -> o <= 0).orElse(false);
            case GE -> Values.order(left, right).map(o -> o >= 0).orElse(false);
            case IN -> right instanceof Collection<?> list && list.stream().anyMatch(item -> Values.same(left, item));
            case HAS -> left instanceof Collection<?> list && list.stream().anyMatch(item -> Values.same(item, right));
            case CONTAINS -> left instanceof String text && right instanceof String part
                    ? text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT))
                    : HAS.apply(left, right);
        };
    }
}
