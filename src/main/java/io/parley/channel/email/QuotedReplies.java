package io.parley.channel.email;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts the quoted earlier conversation off a reply: everything from the first attribution line ("On … wrote:",
 * "… написал(а):", Gmail's Russian "… г. в 10:15, … :", Yandex's "15.03.2026, 10:15, "Shop" <s@shop.test>:",
 * Mail.ru's "Среда, 12 марта 2026, 14:01 +03:00 от Shop <s@shop.test>:"), "-----Original Message-----" /
 * "-----Исходное сообщение-----" block, Outlook's header block ("От:"/"From:" followed by "Отправлено:"/"Sent:"/
 * "Дата:"/"Date:", with the line of underscores above it), or trailing block of {@code >} lines. The full text is kept
 * separately.
 */
final class QuotedReplies {

    private static final List<Pattern> CUTS = List.of(
            Pattern.compile("^\\s*On .{3,200} wrote:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^.{0,200}(написал|написала|пишет)\\s*:\\s*$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
            Pattern.compile("^.{0,100}\\d{4}\\s*г\\.,? в \\d{1,2}:\\d{2}.{0,200}:\\s*$"),
            Pattern.compile("^\\s*\\d{1,2}\\.\\d{1,2}\\.\\d{4},\\s*\\d{1,2}:\\d{2},\\s*.{1,200}:\\s*$"),
            Pattern.compile("^.{0,40}\\d{1,2}\\s+\\p{L}+\\s+\\d{4},?\\s+\\d{1,2}:\\d{2}.{0,20}\\s+от\\s+.{1,200}:\\s*$",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
            Pattern.compile(
                    "^\\s*-{2,}\\s*(Original Message|Исходное сообщение|Пересылаемое сообщение|Forwarded message)\\s*-{2,}\\s*$",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    private static final Pattern ON_START = Pattern.compile("^\\s*On .{3,200}$", Pattern.CASE_INSENSITIVE);
    private static final Pattern WROTE_END = Pattern.compile("^.{0,200}wrote:\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_FROM = Pattern.compile("^\\s*\\*?(От|From)\\s*:\\*?\\s*\\S.*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern HEADER_SENT = Pattern.compile(
            "^\\s*\\*?(Отправлено|Дата|Sent|Date)\\s*:\\*?\\s*\\S.*$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern UNDERSCORES = Pattern.compile("^\\s*_{10,}\\s*$");

    private QuotedReplies() {
    }

    /** The new part of a reply; the whole text when nothing looks quoted or nothing would be left. */
    static String strip(String text) {
        if (text == null) {
            return null;
        }
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        int cut = lines.length;
        for (int i = 0; i < lines.length && cut == lines.length; i++) {
            String line = lines[i];
            if (CUTS.stream().anyMatch(p -> p.matcher(line).matches())
                    || (ON_START.matcher(line).matches() && i + 1 < lines.length
                            && WROTE_END.matcher(lines[i + 1]).matches())) {
                cut = i;
            } else if (HEADER_FROM.matcher(line).matches() && headerBlock(lines, i)) {
                cut = i > 0 && UNDERSCORES.matcher(lines[i - 1]).matches() ? i - 1 : i;
            }
        }
        cut = Math.min(cut, trailingQuoteStart(lines, cut));
        String kept = String.join("\n", java.util.Arrays.copyOfRange(lines, 0, cut)).strip();
        return kept.isEmpty() ? text.strip() : kept;
    }

    /** Whether a "From:" line at {@code from} starts Outlook's block: a "Sent:"/"Date:" line within the next three. */
    private static boolean headerBlock(String[] lines, int from) {
        for (int i = from + 1; i < Math.min(lines.length, from + 4); i++) {
            if (HEADER_SENT.matcher(lines[i]).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Where a block of {@code >} lines (and blank lines) that runs to {@code end} starts. */
    private static int trailingQuoteStart(String[] lines, int end) {
        int start = end;
        boolean quoted = false;
        for (int i = end - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (line.startsWith(">")) {
                quoted = true;
                start = i;
            } else if (line.isEmpty()) {
                start = quoted ? i : start;
            } else {
                break;
            }
        }
        return quoted ? start : end;
    }
}
