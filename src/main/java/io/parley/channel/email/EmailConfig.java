package io.parley.channel.email;

import java.time.Duration;
import java.util.Locale;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import io.parley.channel.spi.ChannelSettings;
import io.parley.channel.spi.InvalidChannelConfigException;

/**
 * The settings of a mailbox channel: IMAP to read, SMTP to answer.
 *
 * @param address {@code config.address}: the mailbox's address, used as From
 * @param fromName {@code config.fromName}: the name shown as sender (optional)
 * @param imap {@code config.imapHost}, {@code config.imapPort} (default 993), {@code config.imapSecurity}
 *        ({@code ssl} default, {@code starttls}, {@code none})
 * @param smtp {@code config.smtpHost}, {@code config.smtpPort} (default 465), {@code config.smtpSecurity}
 *        ({@code ssl} default, {@code starttls}, {@code none})
 * @param username {@code config.username}: the login for both (default: the address)
 * @param password {@code secrets.password}: the password (or app password) for both
 * @param inbox {@code config.inboxFolder}: the folder read, default {@code INBOX}
 * @param processed {@code config.processedFolder}: where read mail is moved, default {@code Parley/Processed}
 * @param pollInterval {@code config.pollIntervalSeconds}: the pause between checks of an empty inbox, 1–3600 s,
 *        default 30
 * @param defaultSubject {@code config.defaultSubject}: the subject of a reply whose original cannot be found
 * @param idle {@code config.imapIdle}: {@code true} waits for new mail with IMAP IDLE instead of checking every poll
 *        interval (when the server supports IDLE); default {@code false}
 */
record EmailConfig(String address, String fromName, Server imap, Server smtp, String username, String password,
        String inbox, String processed, Duration pollInterval, String defaultSubject, boolean idle) {

    enum Security {
        SSL,
        STARTTLS,
        NONE
    }

    /** A mail server. */
    record Server(String host, int port, Security security) {
    }

    static EmailConfig of(ChannelSettings settings) {
        String address = settings.requireConfig("address").trim().toLowerCase(Locale.ROOT);
        try {
            new InternetAddress(address, true);
        } catch (AddressException e) {
            throw new InvalidChannelConfigException("config.address", "must be an email address");
        }
        Server imap = server(settings, "imap", 993);
        Server smtp = server(settings, "smtp", 465);
        String password = settings.requireSecret("password");
        long interval = number(settings, "pollIntervalSeconds", 30, 1, 3600);
        return new EmailConfig(address, settings.config("fromName").orElse(null), imap, smtp,
                settings.config("username").orElse(address), password, settings.config("inboxFolder").orElse("INBOX"),
                settings.config("processedFolder").orElse("Parley/Processed"), Duration.ofSeconds(interval),
                settings.config("defaultSubject").orElse("Your request"), idle(settings));
    }

    private static boolean idle(ChannelSettings settings) {
        return switch (settings.config("imapIdle").orElse("false").trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidChannelConfigException("config.imapIdle", "must be true or false");
        };
    }

    private static Server server(ChannelSettings settings, String kind, int defaultPort) {
        String host = settings.requireConfig(kind + "Host");
        if (!host.matches("[A-Za-z0-9.-]{1,253}")) {
            throw new InvalidChannelConfigException("config." + kind + "Host", "must be a host name");
        }
        Security security = switch (settings.config(kind + "Security").orElse("ssl").toLowerCase(Locale.ROOT)) {
            case "ssl" -> Security.SSL;
            case "starttls" -> Security.STARTTLS;
            case "none" -> Security.NONE;
            default -> throw new InvalidChannelConfigException("config." + kind + "Security",
                    "must be ssl, starttls or none");
        };
        int port = (int) number(settings, kind + "Port", defaultPort, 1, 65535);
        return new Server(host, port, security);
    }

    private static long number(ChannelSettings settings, String name, long fallback, long min, long max) {
        String value = settings.config(name).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidChannelConfigException("config." + name, "must be a number from " + min + " to " + max);
    }

    @Override
    public String toString() {
        return "EmailConfig[address=" + address + ", imap=" + imap + ", smtp=" + smtp + ", idle=" + idle + "]";
    }
}
