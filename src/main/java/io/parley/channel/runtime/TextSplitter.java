package io.parley.channel.runtime;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.parley.channel.spi.ChannelCapabilities.TextUnit;

/**
 * Splits a reply too long for one provider message, for every channel. Parts are at most {@code max} long, counted the
 * way the provider counts ({@link TextUnit}); they end at whitespace when there is some in the second half of the
 * part, else at a grapheme cluster boundary ({@link BreakIterator#getCharacterInstance}), so neither a surrogate pair
 * nor an emoji with its modifiers or joiners, nor a letter with its combining marks is ever cut. Only a single cluster
 * longer than {@code max} (which no real text has) is cut, and then between code points. The whitespace a part ends
 * at is dropped.
 */
final class TextSplitter {

    private TextSplitter() {
    }

    static List<String> split(String text, int max, TextUnit unit) {
        List<String> parts = new ArrayList<>();
        String rest = text == null ? "" : text;
        while (unit.length(rest, 0, rest.length()) > max) {
            int cut = cut(rest, max, unit);
            String part = rest.substring(0, cut).stripTrailing();
            if (!part.isEmpty()) {
                parts.add(part);
            }
            rest = rest.substring(cut).stripLeading();
        }
        parts.add(rest);
        return parts;
    }

    /** Where the first part of {@code text} ends: at most {@code max} units, preferably after whitespace. */
    private static int cut(String text, int max, TextUnit unit) {
        BreakIterator clusters = BreakIterator.getCharacterInstance(Locale.ROOT);
        clusters.setText(text);
        int fits = 0;
        int space = -1;
        int length = 0;
        for (int end = clusters.next(); end != BreakIterator.DONE; end = clusters.next()) {
            length += unit.length(text, fits, end);
            if (length > max) {
                break;
            }
            if (Character.isWhitespace(text.codePointBefore(end))) {
                space = end;
            }
            fits = end;
        }
        if (space > 0 && unit.length(text, 0, space) > max / 2) {
            return space;
        }
        if (fits > 0) {
            return fits;
        }
        int cut = 0;
        while (unit.length(text, 0, cut + Character.charCount(text.codePointAt(cut))) <= max) {
            cut += Character.charCount(text.codePointAt(cut));
        }
        return Math.max(cut, Character.charCount(text.codePointAt(0)));
    }
}
