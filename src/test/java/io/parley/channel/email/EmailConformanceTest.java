package io.parley.channel.email;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;

import io.parley.channel.spi.ChannelAdapter;
import io.parley.channel.spi.ChannelAdapterFactory;
import io.parley.channel.spi.ChannelSettings;
import io.parley.channel.spi.InboundEvent;
import io.parley.channel.spi.Poller;
import io.parley.channel.spi.kit.ChannelAdapterConformance;
import io.smallrye.mutiny.Uni;

/** The email adapter passes the conformance kit, polling a real IMAP server (GreenMail). */
class EmailConformanceTest extends ChannelAdapterConformance<EmailConfig> {

    private static final EmailAdapterFactory FACTORY = new EmailAdapterFactory();
    private static final MailServer MAIL = start();

    private static MailServer start() {
        try {
            return new MailServer();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void close() {
        MAIL.close();
    }

    @Override
    protected ChannelAdapterFactory<EmailConfig> factory() {
        return FACTORY;
    }

    @Override
    protected ChannelSettings validSettings() {
        return MAIL.settings(MailServer.PASSWORD);
    }

    @Override
    protected Map<String, ChannelSettings> invalidSettings() {
        Map<String, String> secrets = Map.of("password", "x");
        Map<String, String> valid = MAIL.config();
        return Map.of(
                "config.address", new ChannelSettings(with(valid, "address", "support"), secrets),
                "config.imapHost", new ChannelSettings(with(valid, "imapHost", "imap example"), secrets),
                "config.smtpPort", new ChannelSettings(with(valid, "smtpPort", "70000"), secrets),
                "config.imapSecurity", new ChannelSettings(with(valid, "imapSecurity", "maybe"), secrets),
                "config.pollIntervalSeconds", new ChannelSettings(with(valid, "pollIntervalSeconds", "0"), secrets),
                "secrets.password", new ChannelSettings(valid, Map.of()));
    }

    @Override
    protected List<InboundEvent> sampleInboundEvents(ChannelAdapter adapter) {
        try {
            for (String name : List.of("reply-cp1251", "mixed-koi8r", "html-only", "autoreply", "bounce")) {
                MAIL.deliver(MailParserTest.fixture(name));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return ((Poller) adapter).poll(null).await().indefinitely().events();
    }

    @Override
    protected List<Uni<?>> failingProviderCalls(ChannelAdapter adapter) {
        ChannelAdapter refused = FACTORY.create(context(), FACTORY.configure(MAIL.settings("wrong-password")));
        return List.of(((Poller) refused).poll(null));
    }

    private static Map<String, String> with(Map<String, String> config, String key, String value) {
        Map<String, String> changed = new java.util.HashMap<>(config);
        changed.put(key, value);
        return changed;
    }
}
