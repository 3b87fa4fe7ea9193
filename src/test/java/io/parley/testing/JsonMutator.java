package io.parley.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a valid JSON body into what careless or hostile senders send: values of the wrong type, out-of-range numbers,
 * NUL and lone surrogates, huge strings, deep nesting, missing, duplicated and unknown keys, truncated text and
 * bodies that are not JSON at all. Seeded, so a failing case is reproduced by its seed and index.
 */
public final class JsonMutator {

    /** One mutated body and what was done to it. */
    public record Mutant(String description, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> VALUES = List.of("\"abc\"", "\"\"", "\" \"", "0", "-1", "1.5", "1e400",
            "-1e400", "123456789012345678901234567890", "9223372036854775808", "-9223372036854775809", "true", "false",
            "null", "[]", "{}", "[1,\"a\",null]", "{\"a\":{\"b\":[]}}", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"",
            "\"x\\udfffy\"", "\"+300000-01-01T00:00:00Z\"", "-5000", "10000000000000", "\"%00\"", "\"../../etc\"",
            "\"<script>alert(1)</script>\"");
    private static final List<String> BODIES = List.of("", " ", "null", "[]", "\"text\"", "123", "{", "{\"a\":",
            "not json", "{}", "{\"a\":1,}", "\u0000", "[" + "[".repeat(5000));

    private final JsonNode seed;
    private final Random random;
    private final List<List<Object>> paths = new ArrayList<>();

    public JsonMutator(String seedJson, long seed) {
        try {
            this.seed = JSON.readTree(seedJson);
        } catch (Exception e) {
            throw new IllegalArgumentException("seed is not JSON", e);
        }
        this.random = new Random(seed);
        collect(this.seed, new ArrayList<>());
    }

    /** The next mutant. */
    public Mutant next() {
        List<Object> path = paths.get(random.nextInt(paths.size()));
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> {
                String value = VALUES.get(random.nextInt(VALUES.size()));
                yield write("replace " + path + " with " + value, new Edit(path, value, false, false));
            }
            case 3 -> write("remove " + path, new Edit(path, null, true, false));
            case 4 -> {
                String value = random.nextBoolean() ? JSON.valueToTree(nodeAt(path)).toString()
                        : VALUES.get(random.nextInt(VALUES.size()));
                yield write("duplicate " + path + " as " + value, new Edit(path, value, false, true));
            }
            case 5 -> write("huge string at " + path,
                    new Edit(path, "\"" + "я".repeat(150_000) + "\"", false, false));
            case 6 -> write("deep nesting at " + path,
                    new Edit(path, "[".repeat(3000) + "]".repeat(3000), false, false));
            case 7 -> {
                List<Object> object = nodeAt(path).isObject() ? path : List.of();
                yield write("unknown key in " + object, new Edit(object, "[1,{}]", false, false).withUnknown());
            }
            case 8 -> {
                byte[] valid = render(null).getBytes(StandardCharsets.UTF_8);
                int cut = valid.length == 0 ? 0 : random.nextInt(valid.length);
                byte[] truncated = new byte[cut];
                System.arraycopy(valid, 0, truncated, 0, cut);
                yield new Mutant("truncated at " + cut, truncated);
            }
            default -> {
                if (random.nextInt(4) == 0) {
                    yield new Mutant("invalid UTF-8", new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"',
                            '}' });
                }
                String body = BODIES.get(random.nextInt(BODIES.size()));
                yield new Mutant("body " + abbreviate(body), body.getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    private Mutant write(String description, Edit edit) {
        return new Mutant(abbreviate(description), render(edit).getBytes(StandardCharsets.UTF_8));
    }

    private String render(Edit edit) {
        StringBuilder out = new StringBuilder();
        write(out, seed, new ArrayList<>(), edit);
        return out.toString();
    }

    private void write(StringBuilder out, JsonNode node, List<Object> path, Edit edit) {
        if (edit != null && edit.replaces(path)) {
            out.append(edit.value);
            return;
        }
        if (node.isObject()) {
            out.append('{');
            boolean first = true;
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                List<Object> child = append(path, field.getKey());
                if (edit != null && edit.remove && edit.path.equals(child)) {
                    continue;
                }
                first = comma(out, first);
                out.append(JSON.valueToTree(field.getKey()).toString()).append(':');
                write(out, field.getValue(), child, edit);
                if (edit != null && edit.duplicate && edit.path.equals(child)) {
                    out.append(',').append(JSON.valueToTree(field.getKey()).toString()).append(':').append(edit.value);
                }
            }
            if (edit != null && edit.unknown && edit.path.equals(path)) {
                comma(out, first);
                out.append("\"unexpected\":").append(edit.value);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                comma(out, i == 0);
                write(out, node.get(i), append(path, i), edit);
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    private static boolean comma(StringBuilder out, boolean first) {
        if (!first) {
            out.append(',');
        }
        return false;
    }

    private JsonNode nodeAt(List<Object> path) {
        JsonNode node = seed;
        for (Object step : path) {
            node = step instanceof Integer index ? node.get(index) : node.get((String) step);
        }
        return node;
    }

    private void collect(JsonNode node, List<Object> path) {
        paths.add(path);
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> collect(node.get(name), append(path, name)));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), append(path, i));
            }
        }
    }

    private static List<Object> append(List<Object> path, Object step) {
        List<Object> out = new ArrayList<>(path);
        out.add(step);
        return out;
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }

    private record Edit(List<Object> path, String value, boolean remove, boolean duplicate, boolean unknown) {

        Edit(List<Object> path, String value, boolean remove, boolean duplicate) {
            this(path, value, remove, duplicate, false);
        }

        Edit withUnknown() {
            return new Edit(path, value, false, false, true);
        }

        boolean replaces(List<Object> at) {
            return !remove && !duplicate && !unknown && path.equals(at);
        }
    }
}
