package io.parley.reports;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Report rows as CSV (RFC 4180): one column per measure, nested measures named with dots ({@code waitToOffer.median},
 * {@code statusSeconds.AVAILABLE}); the header is the union of every row's columns, in first-seen order.
 */
final class Csv {

    static String of(List<?> rows, ObjectMapper json) {
        List<Map<String, String>> flat = new ArrayList<>();
        Set<String> header = new LinkedHashSet<>();
        for (Object row : rows) {
            Map<String, String> cells = new LinkedHashMap<>();
            flatten("", json.valueToTree(row), cells);
            header.addAll(cells.keySet());
            flat.add(cells);
        }
        StringBuilder out = new StringBuilder();
        line(out, header);
        for (Map<String, String> cells : flat) {
            line(out, header.stream().map(column -> cells.getOrDefault(column, "")).toList());
        }
        return out.toString();
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> cells) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), cells);
            }
        } else {
            cells.put(prefix, node.isNull() ? "" : node.asText());
        }
    }

    private static void line(StringBuilder out, Iterable<String> cells) {
        boolean first = true;
        for (String cell : cells) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(escape(cell));
        }
        out.append("\r\n");
    }

    /** Quoted where needed; text a spreadsheet would run as a formula gets a leading apostrophe. */
    private static String escape(String cell) {
        String safe = !cell.isEmpty() && "=+@\t".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
        boolean quote = safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r");
        return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    private Csv() {
    }
}
