package io.parley.channel.email;

import java.io.UnsupportedEncodingException;
import java.util.Date;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import io.parley.channel.spi.OutboundMessage;

/**
 * Builds a reply: From the mailbox, To the customer's address, {@code Re: } once before the original's subject,
 * {@code In-Reply-To} the customer's mail and {@code References} its chain plus it, and Parley's own Message-ID (the
 * same on every retry). Attachments are sent as links.
 */
final class Replies {

    private static final Pattern PREFIX = Pattern.compile(
            "^\\s*(re|fw|fwd|aw|wg|sv|отв|пересл)\\s*(\\[\\d+\\])?\\s*:\\s*", Pattern.CASE_INSENSITIVE
                    | Pattern.UNICODE_CASE);

    private Replies() {
    }

    static MimeMessage compose(Session session, EmailConfig config, OutboundMessage message, String messageId,
            ParsedMail original) throws MessagingException, UnsupportedEncodingException {
        MimeMessage mail = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        mail.setFrom(new InternetAddress(config.address(), config.fromName(), "UTF-8"));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(message.externalChatId(), true));
        String subject = original == null || original.subject() == null ? config.defaultSubject()
                : normalize(original.subject());
        mail.setSubject("Re: " + (subject.isBlank() ? config.defaultSubject() : subject), "UTF-8");
        if (message.inReplyTo() != null) {
            mail.setHeader("In-Reply-To", message.inReplyTo());
            String chain = original == null || original.references() == null ? "" : original.references() + " ";
            mail.setHeader("References", chain + message.inReplyTo());
        }
        StringBuilder text = new StringBuilder(message.text() == null ? "" : message.text());
        message.attachments().forEach(a -> text.append(text.isEmpty() ? "" : "\n\n").append(a.name()).append(": ")
                .append(a.url()));
        mail.setText(text.toString(), "UTF-8");
        mail.setSentDate(new Date());
        return mail;
    }

    /** The subject without reply and forward prefixes (Re:, Fwd:, AW:, WG:, SV:, Отв:, Пересл:, Re[2]:, repeated). */
    static String normalize(String subject) {
        String current = subject.strip();
        String previous;
        do {
            previous = current;
            current = PREFIX.matcher(current).replaceFirst("").strip();
        } while (!current.equals(previous));
        return current;
    }
}
