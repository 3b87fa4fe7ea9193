package io.parley.channel.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parley.channel.spi.Threading;

/**
 * The thread a mail names: In-Reply-To, then References newest first (RFC 5322 puts the parent last), as message ids
 * in angle brackets like the stored ones; and the topic, its subject without reply and forward prefixes in lower case.
 */
final class Threads {

    private static final Pattern ID = Pattern.compile("<[^<>\\s]+>");
    private static final int MAX_REFERENCES = 50;

    private Threads() {
    }

    static Threading of(ParsedMail mail) {
        List<String> references = new ArrayList<>(ids(mail.inReplyTo()));
        List<String> chain = ids(mail.references());
        for (int i = chain.size() - 1; i >= 0 && references.size() < MAX_REFERENCES; i--) {
            if (!references.contains(chain.get(i))) {
                references.add(chain.get(i));
            }
        }
        references.remove(mail.messageId());
        return new Threading(references, topic(mail.subject()));
    }

    /** The subject as a thread topic: prefixes removed, lower case; null when nothing is left. */
    static String topic(String subject) {
        if (subject == null) {
            return null;
        }
        String normalized = Replies.normalize(subject).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return normalized.isBlank() ? null : normalized;
    }

    private static List<String> ids(String header) {
        List<String> ids = new ArrayList<>();
        if (header != null) {
            Matcher matcher = ID.matcher(header);
            while (matcher.find() && ids.size() < MAX_REFERENCES) {
                ids.add(matcher.group());
            }
        }
        return ids;
    }
}
