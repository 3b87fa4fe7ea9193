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
        return path -> at(root, path, 0);
    }

    /** The value at {@code path} from its segment {@code from} on, read from nested maps; null when absent. */
    static Object at(Map<String, ?> root, List<String> path, int from) {
        Object current = root;
        for (int i = from; i < path.size(); i++) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(path.get(i));
        }
        return current;
    }
}
