package io.parley.channel.email;

import java.time.Instant;
import java.util.List;

/**
 * What Parley reads from one email.
 *
 * @param messageId the Message-ID with angle brackets (a hash-based id when the mail has none)
 * @param from the sender's address, lower case
 * @param text the text/plain body (or text converted from HTML when there is none)
 * @param html the HTML body, or null
 * @param attachments attachments and inline images, by their position in the MIME tree
 * @param automatic an auto-reply, list or bulk mail, or a mail from a mailer daemon: never answered
 * @param bounce a delivery-status report, or null
 */
record ParsedMail(String messageId, String from, String fromName, String subject, String inReplyTo,
        String references, Instant sentAt, String text, String html, List<Part> attachments, boolean automatic,
        Bounce bounce) {

    /**
     * An attachment.
     *
     * @param path the part's position, e.g. {@code 1} or {@code 1.0}, used to fetch it again
     */
    record Part(String path, String name, String mediaType, long size) {
    }

    /**
     * A delivery-status report about a mail Parley sent.
     *
     * @param permanent the status is 5.x.x (the mail will never arrive)
     * @param reason the report's {@code Diagnostic-Code} (e.g. {@code 550 5.1.1 <x@y>: Recipient address rejected}),
     *        else its {@code Status}
     */
    record Bounce(String originalMessageId, String recipient, boolean permanent, String reason) {
    }
}
