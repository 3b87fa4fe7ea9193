package io.parley.common.problem;

import java.util.List;

import com.fasterxml.jackson.databind.JsonMappingException;

/** Builds field paths such as {@code targets[0].queue} for validation problems. */
final class JsonPaths {

    private JsonPaths() {
    }

    static String of(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            append(field, reference.getFieldName(), reference.getIndex() >= 0 ? reference.getIndex() : null);
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    static void append(StringBuilder field, String name, Integer index) {
        if (name != null && !name.startsWith("<")) {
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(name);
        }
        if (index != null) {
            field.append('[').append(index).append(']');
        }
    }
}
