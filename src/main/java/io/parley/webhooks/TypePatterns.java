package io.parley.webhooks;

import java.util.List;
import java.util.regex.Pattern;

/**
 * CloudEvents type patterns of a subscription: an exact type ({@code io.parley.session.closed}) or one with {@code *}
 * wildcards, each standing for any run of characters ({@code io.parley.session.*}, {@code *.closed}, {@code *}).
 */
final class TypePatterns {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9.*_-]{1,200}");

    private TypePatterns() {
    }

    static boolean valid(String pattern) {
        return pattern != null && VALID.matcher(pattern).matches();
    }

    static boolean matches(List<String> patterns, String type) {
        return patterns.stream().anyMatch(pattern -> matches(pattern, type));
    }

    static boolean matches(String pattern, String type) {
        String[] parts = pattern.split("\\*", -1);
        if (parts.length == 1) {
            return pattern.equals(type);
        }
        if (!type.startsWith(parts[0])) {
            return false;
        }
        int at = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = type.indexOf(parts[i], at);
            if (found < 0) {
                return false;
            }
            at = found + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return type.length() - at >= last.length() && type.endsWith(last);
    }
}
