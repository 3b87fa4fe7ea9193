package io.parley.channel.email;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;

/**
 * Reads a MIME message: the text/plain body (preferred in multipart/alternative; charsets such as windows-1251 and
 * KOI8-R decoded), the HTML body, attachments with RFC 2231/2047 names, threading headers, whether it was sent
 * automatically, and delivery-status reports.
 */
final class MailParser {

    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>\\s]+>)");
    private static final Pattern RECIPIENT = Pattern.compile("(?im)^Final-Recipient:\\s*[^;]*;\\s*(\\S+)");
    private static final Pattern STATUS = Pattern.compile("(?im)^Status:\\s*(([245])\\.\\d{1,3}\\.\\d{1,3})");
    /** An SMTP reply with an enhanced status code in a DSN's human-readable part (OpenSMTPD puts it only there). */
    private static final Pattern SMTP_REPLY = Pattern.compile("(?m)\\b([45]\\d\\d[ -][245]\\.\\d{1,3}\\.\\d{1,3}\\b.*)$");
    private static final Pattern DIAGNOSTIC = Pattern.compile(
            "(?im)^Diagnostic-Code:\\s*(?:[a-z-]+\\s*;)?\\s*(.+(?:\\n[ \\t]+.+)*)");

    /** How much of an unreadable mail's raw body is taken in as its text. */
    private static final int SALVAGED_TEXT = 65_536;

    private MailParser() {
    }

    static ParsedMail parse(MimeMessage mail) throws MessagingException, IOException {
        Body body = new Body();
        walk(mail, "", body);
        InternetAddress from = sender(mail);
        String subject = utf8(mail.getSubject());
        Instant sent = mail.getSentDate() == null ? null : mail.getSentDate().toInstant();
        String address = from != null ? from.getAddress().toLowerCase(Locale.ROOT)
                : noSender(mail.getMessageID(), subject, sent);
        String text = body.text != null ? body.text : body.html != null ? HtmlText.of(body.html) : null;
        return new ParsedMail(messageId(mail, address, subject, sent), address, from == null ? null
                : utf8(from.getPersonal()), subject, header(mail, "In-Reply-To"), header(mail, "References"), sent, text,
                body.html, body.attachments, automatic(mail, address), bounce(mail));
    }

    /** Finds the part at a path {@link #parse} reported; null when the mail has no such part. */
    static Part part(Part root, String path) throws MessagingException, IOException {
        Part current = root;
        for (String index : path.split("\\.")) {
            if (!current.isMimeType("multipart/*")) {
                return null;
            }
            Multipart multipart = (Multipart) current.getContent();
            int i = Integer.parseInt(index);
            if (i >= multipart.getCount()) {
                return null;
            }
            current = multipart.getBodyPart(i);
        }
        return current;
    }

    private static final class Body {
        String text;
        String html;
        final List<ParsedMail.Part> attachments = new ArrayList<>();
    }

    private static void walk(Part part, String path, Body body) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                walk(multipart.getBodyPart(i), path.isEmpty() ? String.valueOf(i) : path + "." + i, body);
            }
            return;
        }
        String name = fileName(part);
        boolean attachment = name != null || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
        if (!attachment && part.isMimeType("text/plain") && body.text == null) {
            body.text = text(part);
        } else if (!attachment && part.isMimeType("text/html") && body.html == null) {
            body.html = text(part);
        } else if (attachment || part.isMimeType("image/*")) {
            String type = new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
            body.attachments.add(new ParsedMail.Part(path.isEmpty() ? "0" : path, name == null ? "attachment"
                    : name, type, decodedSize(part)));
        }
    }

    /** The size of the part's content once decoded (base64 and quoted-printable make the raw part larger). */
    private static long decodedSize(Part part) {
        try (InputStream in = part.getInputStream()) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException | MessagingException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Who sent the mail: From, else Sender, Reply-To, Return-Path (RFC 5322 allows mail without From, and broken
     * mailers send it); null when none names an address.
     */
    private static InternetAddress sender(MimeMessage mail) throws MessagingException {
        InternetAddress from = firstAddress(mail.getFrom());
        if (from == null) {
            from = quietly(() -> firstAddress(InternetAddress.parseHeader(mail.getHeader("Sender", ","), false)));
        }
        if (from == null) {
            from = quietly(() -> firstAddress(mail.getReplyTo()));
        }
        if (from == null) {
            String returnPath = header(mail, "Return-Path");
            from = returnPath == null || returnPath.replace(" ", "").equals("<>") ? null
                    : quietly(() -> firstAddress(InternetAddress.parseHeader(returnPath, false)));
        }
        return from == null || from.getAddress() == null || from.getAddress().isBlank() ? null : from;
    }

    /**
     * The address of a mail that names no sender: one per mail ({@code no-sender-<hash>@invalid}), so such mails
     * never share a customer; nobody can answer them.
     */
    private static String noSender(String messageId, String subject, Instant sent) {
        String seed = messageId != null && !messageId.isBlank() ? messageId : subject + "|" + sent;
        return "no-sender-" + UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)) + "@invalid";
    }

    private static String fileName(Part part) throws MessagingException {
        String name = part.getFileName();
        if (name == null) {
            return null;
        }
        try {
            return utf8(MimeUtility.decodeText(name));
        } catch (IOException e) {
            return utf8(name);
        }
    }

    /**
     * A header value sent as raw 8-bit UTF-8 (RFC 6532; common in practice without it), which Jakarta Mail reads byte
     * by byte as ISO-8859-1: decoded as UTF-8 when its bytes are valid UTF-8, else left as it is.
     */
    static String utf8(String value) {
        if (value == null || value.chars().noneMatch(c -> c >= 0x80) || value.chars().anyMatch(c -> c > 0xff)) {
            return value;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return value;
        }
    }

    /**
     * A text part's text. A part that cannot be decoded as declared (an unknown charset, broken base64, an unknown
     * Content-Transfer-Encoding) is read as well as it can be: decoded where the encoding is known, in its charset
     * where Java knows it, else as UTF-8 with U+FFFD for what is not.
     */
    private static String text(Part part) throws MessagingException {
        try {
            Object content = part.getContent();
            if (content instanceof String text) {
                return text;
            }
        } catch (IOException | MessagingException | RuntimeException e) {
            return bestEffort(part);
        }
        return bestEffort(part);
    }

    private static String bestEffort(Part part) throws MessagingException {
        byte[] bytes = bytes(part);
        Charset charset = StandardCharsets.UTF_8;
        try {
            String declared = new ContentType(part.getContentType()).getParameter("charset");
            if (declared != null && Charset.isSupported(MimeUtility.javaCharset(declared))) {
                charset = Charset.forName(MimeUtility.javaCharset(declared));
            }
        } catch (ParseException | IllegalArgumentException e) {
            charset = StandardCharsets.UTF_8;
        }
        return new String(bytes, charset);
    }

    /**
     * The part's decoded bytes; for base64 that does not decode, what decodes up to the first fault; for an unknown
     * transfer encoding, the raw bytes.
     */
    private static byte[] bytes(Part part) throws MessagingException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException | MessagingException | RuntimeException e) {
            if (!(part instanceof MimePart mime)) {
                return new byte[0];
            }
            try (InputStream raw = rawStream(mime)) {
                byte[] bytes = raw.readAllBytes();
                return "base64".equalsIgnoreCase(String.valueOf(mime.getEncoding()).trim()) ? base64Prefix(bytes)
                        : bytes;
            } catch (IOException raw) {
                return new byte[0];
            }
        }
    }

    /** Decodes base64 up to its padding or first character outside the alphabet, skipping line breaks. */
    private static byte[] base64Prefix(byte[] raw) {
        StringBuilder digits = new StringBuilder(raw.length);
        for (byte b : raw) {
            char c = (char) (b & 0xff);
            if (c == '\r' || c == '\n' || c == ' ' || c == '\t') {
                continue;
            }
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/')) {
                break;
            }
            digits.append(c);
        }
        if (digits.length() % 4 == 1) {
            digits.setLength(digits.length() - 1);
        }
        return Base64.getDecoder().decode(digits.toString());
    }

    private static InputStream rawStream(MimePart part) throws MessagingException {
        return part instanceof MimeBodyPart body ? body.getRawInputStream()
                : ((MimeMessage) part).getRawInputStream();
    }

    /**
     * What can still be read of a mail {@link #parse} failed on: sender, subject, ids and time where their headers
     * are readable, and the body's raw text. The mail itself stays in the mailbox's processed folder.
     */
    static ParsedMail salvage(MimeMessage mail) {
        InternetAddress from = null;
        try {
            from = sender(mail);
        } catch (MessagingException | RuntimeException e) {
            from = null;
        }
        String subject = utf8(quietly(mail::getSubject));
        Instant sent = quietly(() -> mail.getSentDate() == null ? null : mail.getSentDate().toInstant());
        String address = from != null ? from.getAddress().toLowerCase(Locale.ROOT)
                : noSender(quietly(mail::getMessageID), subject, sent);
        String id;
        try {
            id = messageId(mail, address, subject, sent);
        } catch (MessagingException | RuntimeException e) {
            id = "<" + UUID.nameUUIDFromBytes((address + "|" + sent + "|" + subject).getBytes(StandardCharsets.UTF_8))
                    + "@parley.unreadable>";
        }
        String text;
        try {
            text = new String(bytes(mail), StandardCharsets.UTF_8);
            text = text.length() > SALVAGED_TEXT ? text.substring(0, SALVAGED_TEXT) : text;
        } catch (MessagingException | RuntimeException e) {
            text = "";
        }
        boolean automatic = Boolean.TRUE.equals(quietly(() -> automatic(mail, address)));
        return new ParsedMail(id, address, from == null ? null : utf8(from.getPersonal()), subject,
                quietly(() -> header(mail, "In-Reply-To")), quietly(() -> header(mail, "References")), sent, text,
                null, List.of(), automatic, null);
    }

    /** A header value that may be unreadable. */
    private interface HeaderValue<T> {
        T read() throws MessagingException;
    }

    private static <T> T quietly(HeaderValue<T> value) {
        try {
            return value.read();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Auto-replies, lists and bulk mail, and mail from mailer daemons (RFC 3834 and common practice): Parley never
     * answers them.
     */
    private static boolean automatic(MimeMessage mail, String from) throws MessagingException {
        String submitted = header(mail, "Auto-Submitted");
        String precedence = header(mail, "Precedence");
        String autoreply = header(mail, "X-Autoreply");
        String returnPath = header(mail, "Return-Path");
        boolean list = java.util.Collections.list(mail.getAllHeaders()).stream()
                .anyMatch(h -> h.getName().toLowerCase(Locale.ROOT).startsWith("list-"));
        return (submitted != null && !submitted.trim().equalsIgnoreCase("no"))
                || (autoreply != null && autoreply.trim().equalsIgnoreCase("yes"))
                || (precedence != null && precedence.trim().toLowerCase(Locale.ROOT).matches("bulk|list|junk"))
                || list
                || (returnPath != null && returnPath.replace(" ", "").equals("<>"))
                || from.startsWith("mailer-daemon@") || from.startsWith("postmaster@");
    }

    /**
     * A delivery-status report: a {@code message/delivery-status} part (RFC 3464) beside the returned message or its
     * headers, in a {@code multipart/report} or, as OpenSMTPD sends it, a {@code multipart/mixed}.
     */
    private static ParsedMail.Bounce bounce(MimeMessage mail) throws MessagingException, IOException {
        if (!mail.isMimeType("multipart/report") && !mail.isMimeType("multipart/mixed")) {
            return null;
        }
        String status = null;
        String original = null;
        String notification = null;
        Multipart report = (Multipart) mail.getContent();
        for (int i = 0; i < report.getCount(); i++) {
            Part part = report.getBodyPart(i);
            if (part.isMimeType("message/delivery-status")) {
                status = raw(part);
            } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")) {
                original = raw(part);
            } else if (part.isMimeType("text/plain") && notification == null) {
                notification = text(part);
            }
        }
        if (status == null || original == null) {
            return null;
        }
        Matcher id = MESSAGE_ID.matcher(original);
        Matcher recipient = RECIPIENT.matcher(status);
        Matcher code = STATUS.matcher(status);
        if (!id.find() || !recipient.find()) {
            return null;
        }
        boolean found = code.find();
        Matcher diagnostic = DIAGNOSTIC.matcher(status);
        Matcher told = SMTP_REPLY.matcher(notification == null ? "" : notification);
        String reason = diagnostic.find() ? diagnostic.group(1).replaceAll("\\s+", " ").strip()
                : told.find() ? told.group(1).strip() : found ? code.group(1) : null;
        return new ParsedMail.Bounce(id.group(1), recipient.group(1).toLowerCase(Locale.ROOT),
                found && code.group(2).equals("5"), reason == null || reason.length() <= 300 ? reason
                        : reason.substring(0, 300));
    }

    private static String raw(Part part) throws MessagingException, IOException {
        if (part.getContent() instanceof MimeMessage embedded) {
            StringBuilder headers = new StringBuilder();
            java.util.Collections.list(embedded.getAllHeaderLines()).forEach(h -> headers.append(h).append('\n'));
            return headers.toString();
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String messageId(MimeMessage mail, String from, String subject, Instant sent)
            throws MessagingException {
        String id = mail.getMessageID();
        if (id != null && !id.isBlank()) {
            return id.trim();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((from + "|" + sent + "|" + subject)
                    .getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(digest, 0, 16) + "@parley.missing-id>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(MimeMessage mail, String name) throws MessagingException {
        String value = mail.getHeader(name, " ");
        return value == null ? null : value.trim();
    }

    private static InternetAddress firstAddress(Address[] addresses) {
        if (addresses == null) {
            return null;
        }
        for (Address address : addresses) {
            if (address instanceof InternetAddress internet) {
                return internet;
            }
        }
        return null;
    }
}
