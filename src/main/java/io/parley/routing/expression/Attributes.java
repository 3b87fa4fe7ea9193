package io.parley.routing.expression;

import java.util.List;
import java.util.Map;

/** What an expression's paths refer to: conversation, customer, classification, channel, operator and queue data. */
@FunctionalInterface
public interface Attributes {

    /**
     * The value at {@code path} (e.g. {@code [classification, category]}): a string, number, boolean, collection or
     * null when absent.
     */
    Object resolve(List<String> path);

    /** Attributes read from nested maps, e.g. {@code {"customer": {"vip": true}}}. */
    static Attributes of(Map<String, ?> root) {
        return path -> {
            Object current = root;
            for (String segment : path) {
                if (!(current instanceof Map<?, ?> map)) {
                    return null;
                }
                current = map.get(segment);
            }
            return current;
        };
    }
}
