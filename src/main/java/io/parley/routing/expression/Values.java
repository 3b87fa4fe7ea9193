package io.parley.routing.expression;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/** How expression values compare: numbers by value, strings exactly, collections element by element. */
final class Values {

    private Values() {
    }

    /** Attribute values in the expression's own types: every number becomes a BigDecimal, enums their name. */
    static Object normalize(Object value) {
        return switch (value) {
            case null -> null;
            case BigDecimal d -> d;
            case Number n -> new BigDecimal(n.toString());
            case Enum<?> e -> e.name();
            case Collection<?> c -> c.stream().allMatch(Values::isNormal) ? c : c.stream().map(Values::normalize).toList();
            default -> value;
        };
    }

    private static boolean isNormal(Object value) {
        return value instanceof String || value instanceof BigDecimal || value instanceof Boolean;
    }

    static boolean same(Object left, Object right) {
        if (left instanceof BigDecimal a && right instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        return Objects.equals(left, right);
    }

    /** The order of two numbers or two strings; empty when they cannot be ordered. */
    static Optional<Integer> order(Object left, Object right) {
        if (left instanceof BigDecimal a && right instanceof BigDecimal b) {
            return Optional.of(a.compareTo(b));
        }
        if (left instanceof String a && right instanceof String b) {
            return Optional.of(a.compareTo(b));
        }
        return Optional.empty();
    }
}
