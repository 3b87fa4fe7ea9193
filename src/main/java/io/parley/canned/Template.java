package io.parley.canned;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills a canned reply's {@code {name}} variables; an unknown variable stays as written, so the operator sees it. */
final class Template {

    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z]+\\.[A-Za-z0-9_]+)}");

    private Template() {
    }

    static String render(String body, Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(body);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : value));
        }
        return matcher.appendTail(out).toString();
    }
}
