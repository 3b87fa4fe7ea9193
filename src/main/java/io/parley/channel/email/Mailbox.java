package io.parley.channel.email;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.MessageIDTerm;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jboss.logging.Logger;

/**
 * Blocking IMAP and SMTP work for one mailbox (Jakarta Mail); callers run it on worker threads. Read mail is moved to
 * the processed folder, which doubles as the store Parley reads originals (for threading) and attachments from.
 */
final class Mailbox {

    private static final Logger LOG = Logger.getLogger(Mailbox.class);

    /**
     * New mail after a cursor.
     *
     * @param watched the inbox was watched with IDLE before this answer (no pause is needed before the next fetch)
     */
    record Fetched(long uidValidity, long lastUid, List<ParsedMail> mails, boolean watched) {
    }

    /** An attachment's content. */
    record Content(byte[] bytes, String mediaType) {
    }

    private static final int TIMEOUT_MS = 20_000;
    /** Ends IDLE waits that saw no change in time. */
    private static final ScheduledExecutorService WAKER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "parley-imap-idle-waker");
        thread.setDaemon(true);
        return thread;
    });

    private final EmailConfig config;
    private final Session session;

    Mailbox(EmailConfig config) {
        this.config = config;
        this.session = Session.getInstance(properties(config));
    }

    Session session() {
        return session;
    }

    /**
     * Moves mail up to {@code doneUid} (already durably ingested) to the processed folder, then reads up to
     * {@code limit} messages after it. A changed UIDVALIDITY starts over: everything left in the inbox is new. With
     * {@code idleFor}, an empty inbox is watched with IMAP IDLE for at most that long (when the server supports it)
     * and read again when it reports a change.
     */
    Fetched fetch(long uidValidity, long doneUid, int limit, Duration idleFor) throws MessagingException, IOException {
        try (Store store = connect()) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder(config.inbox());
            inbox.open(Folder.READ_WRITE);
            try {
                long validity = inbox.getUIDValidity();
                long done = validity == uidValidity ? doneUid : 0;
                if (done > 0) {
                    moveToProcessed(store, inbox, inbox.getMessagesByUID(1, done));
                }
                Fetched fetched = read(inbox, validity, done, limit);
                if (fetched.mails().isEmpty() && idleFor != null && ((IMAPStore) store).hasCapability("IDLE")) {
                    idle(inbox, idleFor);
                    Fetched after = read(inbox, validity, done, limit);
                    fetched = new Fetched(after.uidValidity(), after.lastUid(), after.mails(), true);
                }
                return fetched;
            } finally {
                inbox.close(false);
            }
        }
    }

    private static Fetched read(IMAPFolder inbox, long validity, long done, int limit)
            throws MessagingException, IOException {
        Message[] fresh = inbox.getMessagesByUID(done + 1, UIDFolder.MAXUID);
        List<Message> batch = Arrays.stream(fresh).filter(m -> uid(inbox, m) > done)
                .sorted(Comparator.comparingLong(m -> uid(inbox, m))).limit(limit).toList();
        List<ParsedMail> mails = new ArrayList<>();
        long last = done;
        for (Message message : batch) {
            mails.add(parseOrSalvage(inbox, (MimeMessage) message));
            last = Math.max(last, inbox.getUID(message));
        }
        return new Fetched(validity, last, mails, false);
    }

    /**
     * One mail, read as well as it can be: a mail the parser fails on never holds back the mails after it (the
     * cursor moves past it); it is taken in with what could be read, and stays in the processed folder whole.
     */
    private static ParsedMail parseOrSalvage(IMAPFolder inbox, MimeMessage message) throws MessagingException {
        try {
            return MailParser.parse(message);
        } catch (IOException | MessagingException | RuntimeException e) {
            LOG.warnf("Mail UID %d in %s could not be read whole (%s); taken in with what could be read",
                    inbox.getUID(message), inbox.getFullName(), e.getClass().getSimpleName());
            return MailParser.salvage(message);
        }
    }

    /**
     * Waits in IDLE until the server reports a change in the inbox or {@code maxWait} passes; then a call on the
     * folder from the waker thread ends the IDLE (Jakarta Mail sends DONE before any other command).
     */
    private static void idle(IMAPFolder inbox, Duration maxWait) throws MessagingException {
        ScheduledFuture<?> wake = WAKER.schedule(() -> {
            try {
                inbox.getMessageCount();
            } catch (MessagingException e) {
                // the waiting poll reports a broken connection itself
            }
        }, maxWait.toMillis(), TimeUnit.MILLISECONDS);
        try {
            inbox.idle(true);
        } finally {
            wake.cancel(false);
        }
    }

    /**
     * The folders a stored mail may be in, in the order a mail moves between them: the inbox first, then the processed
     * folder. A move copies before it deletes, so a mail missed in the inbox is already in the processed folder;
     * looking the other way round could miss a mail moved in between (the reply lost its original's subject).
     */
    private List<String> moving() {
        return List.of(config.inbox(), config.processed());
    }

    /** The stored mail with this Message-ID (the inbox first, then the processed folder), or null. */
    ParsedMail find(String messageId) throws MessagingException, IOException {
        try (Store store = connect()) {
            for (String name : moving()) {
                Folder folder = store.getFolder(name);
                if (!folder.exists()) {
                    continue;
                }
                folder.open(Folder.READ_ONLY);
                try {
                    Message[] found = folder.search(new MessageIDTerm(messageId));
                    if (found.length > 0) {
                        return MailParser.parse((MimeMessage) found[0]);
                    }
                } finally {
                    folder.close(false);
                }
            }
            return null;
        }
    }

    /** An attachment of a stored mail, or null when the mail or the part is gone. */
    Content attachment(String messageId, String path) throws MessagingException, IOException {
        try (Store store = connect()) {
            for (String name : moving()) {
                Folder folder = store.getFolder(name);
                if (!folder.exists()) {
                    continue;
                }
                folder.open(Folder.READ_ONLY);
                try {
                    Message[] found = folder.search(new MessageIDTerm(messageId));
                    Part part = found.length == 0 ? null : MailParser.part(found[0], path);
                    if (part != null) {
                        try (InputStream in = part.getInputStream()) {
                            return new Content(in.readAllBytes(), part.getContentType());
                        }
                    }
                } finally {
                    folder.close(false);
                }
            }
            return null;
        }
    }

    void send(MimeMessage mail) throws MessagingException {
        mail.saveChanges();
        try (Transport transport = session.getTransport(
                config.smtp().security() == EmailConfig.Security.SSL ? "smtps" : "smtp")) {
            transport.connect(config.smtp().host(), config.smtp().port(), config.username(), config.password());
            transport.sendMessage(mail, mail.getAllRecipients());
        }
    }

    private Store connect() throws MessagingException {
        Store store = session.getStore(config.imap().security() == EmailConfig.Security.SSL ? "imaps" : "imap");
        store.connect(config.imap().host(), config.imap().port(), config.username(), config.password());
        return store;
    }

    private void moveToProcessed(Store store, IMAPFolder inbox, Message[] done) throws MessagingException {
        if (done.length == 0) {
            return;
        }
        Folder processed = store.getFolder(config.processed());
        if (!processed.exists()) {
            processed.create(Folder.HOLDS_MESSAGES);
        }
        if (((IMAPStore) store).hasCapability("MOVE")) {
            inbox.moveMessages(done, processed);
        } else {
            inbox.copyMessages(done, processed);
            inbox.setFlags(done, new Flags(Flags.Flag.DELETED), true);
            inbox.expunge(done);
        }
    }

    private static long uid(IMAPFolder folder, Message message) {
        try {
            return folder.getUID(message);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Properties properties(EmailConfig config) {
        Properties p = new Properties();
        String imap = config.imap().security() == EmailConfig.Security.SSL ? "imaps" : "imap";
        String smtp = config.smtp().security() == EmailConfig.Security.SSL ? "smtps" : "smtp";
        p.put("mail." + imap + ".peek", "true");
        p.put("mail." + imap + ".connectiontimeout", String.valueOf(TIMEOUT_MS));
        p.put("mail." + imap + ".timeout", String.valueOf(TIMEOUT_MS));
        p.put("mail." + imap + ".starttls.enable", String.valueOf(config.imap().security() == EmailConfig.Security.STARTTLS));
        p.put("mail." + imap + ".starttls.required", String.valueOf(config.imap().security() == EmailConfig.Security.STARTTLS));
        p.put("mail." + smtp + ".host", config.smtp().host());
        p.put("mail." + smtp + ".port", String.valueOf(config.smtp().port()));
        p.put("mail." + smtp + ".auth", "true");
        p.put("mail." + smtp + ".connectiontimeout", String.valueOf(TIMEOUT_MS));
        p.put("mail." + smtp + ".timeout", String.valueOf(TIMEOUT_MS));
        p.put("mail." + smtp + ".starttls.enable", String.valueOf(config.smtp().security() == EmailConfig.Security.STARTTLS));
        p.put("mail." + smtp + ".starttls.required", String.valueOf(config.smtp().security() == EmailConfig.Security.STARTTLS));
        p.put("mail.mime.decodefilename", "true");
        p.put("mail.mime.decodeparameters", "true");
        return p;
    }
}
