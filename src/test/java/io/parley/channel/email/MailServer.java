package io.parley.channel.email;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Folder;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.parley.channel.spi.ChannelSettings;
import io.parley.testing.ParleyInfrastructure;

/** A real IMAP and SMTP server (GreenMail) in the test's JVM, with the shop's support mailbox. */
final class MailServer implements AutoCloseable {

    static final String ADDRESS = "support@shop.test";
    static final String PASSWORD = "mailbox-secret";

    private final GreenMail greenMail;
    private final GreenMailUser support;
    private final int imapPort;
    private final int smtpPort;

    MailServer() throws Exception {
        imapPort = ParleyInfrastructure.freePort();
        smtpPort = ParleyInfrastructure.freePort();
        greenMail = new GreenMail(new ServerSetup[] { new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP) });
        greenMail.start();
        support = greenMail.setUser(ADDRESS, ADDRESS, PASSWORD);
    }

    /** Settings of a channel for the support mailbox. */
    Map<String, String> config() {
        return new HashMap<>(Map.of("address", ADDRESS, "fromName", "Shop Support", "imapHost", "127.0.0.1",
                "imapPort", String.valueOf(imapPort), "imapSecurity", "none", "smtpHost", "127.0.0.1",
                "smtpPort", String.valueOf(smtpPort), "smtpSecurity", "none", "pollIntervalSeconds", "1"));
    }

    ChannelSettings settings(String password) {
        return new ChannelSettings(config(), Map.of("password", password));
    }

    /** Puts a mail into the support inbox, as if it had arrived. */
    void deliver(MimeMessage mail) {
        support.deliver(mail);
    }

    /** Mail the server accepted for a recipient over SMTP. */
    List<MimeMessage> receivedBy(String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** How many mails a folder of the support mailbox holds (-1 when it does not exist). */
    int count(String folderName) throws Exception {
        try (Store store = greenMail.getImap().createStore()) {
            store.connect(ADDRESS, PASSWORD);
            Folder folder = store.getFolder(folderName);
            return folder.exists() ? folder.getMessageCount() : -1;
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
