package io.parley.channel.email;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.channel.spi.ChannelAdapter;
import io.parley.channel.spi.ChannelAdapterFactory;
import io.parley.channel.spi.ChannelContext;
import io.parley.channel.spi.ChannelSettings;

/** The {@code email} channel type: a mailbox read over IMAP and answered over SMTP. */
@ApplicationScoped
public class EmailAdapterFactory implements ChannelAdapterFactory<EmailConfig> {

    public static final String TYPE = "email";

    /** When each channel's inbox was last found empty, kept while adapters are replaced. */
    private final Map<UUID, Instant> idleSince = new ConcurrentHashMap<>();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public EmailConfig configure(ChannelSettings settings) {
        return EmailConfig.of(settings);
    }

    @Override
    public ChannelAdapter create(ChannelContext context, EmailConfig config) {
        return new EmailAdapter(context, config, new Mailbox(config), idleSince);
    }
}
