package io.parley.channel.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.parley.channel.runtime.InboundEventJson;
import io.parley.channel.spi.ChannelAdapter;
import io.parley.channel.spi.ChannelAdapterFactory;
import io.parley.channel.spi.ChannelCapabilities;
import io.parley.channel.spi.ChannelContext;
import io.parley.channel.spi.ChannelException;
import io.parley.channel.spi.ChannelSettings;
import io.parley.channel.spi.InboundEvent;
import io.parley.channel.spi.InvalidChannelConfigException;
import io.parley.channel.spi.MessageSender;
import io.parley.channel.spi.Poller;
import io.parley.channel.spi.WebhookReceiver;
import io.smallrye.mutiny.Uni;

/**
 * The conformance kit every channel adapter's tests extend. It checks what the runtime relies on: a valid type name,
 * configuration errors that name the field, sane capabilities, a way in or out, normalized events the runtime can put
 * on Kafka, and failures reported as typed {@link ChannelException}s.
 * <p>
 * Extend it, implement the abstract methods, and add the adapter's own tests (provider fakes, error mappings) beside.
 *
 * @param <C> the adapter's configuration type
 */
public abstract class ChannelAdapterConformance<C> {

    /** The factory under test. */
    protected abstract ChannelAdapterFactory<C> factory();

    /** Settings the factory must accept. */
    protected abstract ChannelSettings validSettings();

    /** Settings the factory must reject, by the field its error must name (e.g. {@code secrets.botToken}). */
    protected abstract Map<String, ChannelSettings> invalidSettings();

    /** Events the adapter produced from realistic provider input (webhook fixtures, polled batches, API calls). */
    protected abstract List<InboundEvent> sampleInboundEvents(ChannelAdapter adapter);

    /** Sends that the provider refuses, each of which must fail with a typed {@link ChannelException}. */
    protected List<Uni<?>> failingProviderCalls(ChannelAdapter adapter) {
        return List.of();
    }

    protected ChannelContext context() {
        return FakeChannelContext.of(factory().type());
    }

    protected final ChannelAdapter adapter() {
        return factory().create(context(), factory().configure(validSettings()));
    }

    @Test
    void typeIsALowerCaseName() {
        assertThat(factory().type()).matches("[a-z][a-z0-9-]{0,31}");
    }

    @Test
    void validSettingsCreateAnAdapter() {
        assertThat(adapter()).isNotNull();
    }

    @Test
    void invalidSettingsAreRejectedNamingTheField() {
        assertThat(invalidSettings()).as("at least one invalid configuration").isNotEmpty();
        invalidSettings().forEach((field, settings) -> assertThatThrownBy(() -> factory().configure(settings))
                .as("settings that must be rejected at " + field)
                .isInstanceOfSatisfying(InvalidChannelConfigException.class,
                        e -> assertThat(e.field()).isEqualTo(field)));
    }

    @Test
    void emptySettingsAreRejected() {
        assertThatThrownBy(() -> factory().configure(new ChannelSettings(Map.of(), Map.of())))
                .isInstanceOf(InvalidChannelConfigException.class);
    }

    @Test
    void capabilitiesAreUsable() {
        ChannelCapabilities capabilities = adapter().capabilities();
        assertThat(capabilities.maxTextLength()).isPositive();
        assertThat(capabilities.sendRatePerSecond()).isPositive().isLessThanOrEqualTo(10_000);
    }

    @Test
    void adapterTakesMessagesInOrSendsThemOut() {
        ChannelAdapter adapter = adapter();
        assertThat(adapter instanceof MessageSender || adapter instanceof WebhookReceiver || adapter instanceof Poller)
                .as("implements MessageSender, WebhookReceiver or Poller").isTrue();
    }

    @Test
    void inboundEventsAreCompleteAndSurviveTheKafkaFormat() throws Exception {
        List<InboundEvent> events = sampleInboundEvents(adapter());
        assertThat(events).as("sample events").isNotEmpty();
        ObjectMapper json = RuntimeJson.mapper();
        for (InboundEvent event : events) {
            assertThat(event.externalChatId()).isNotBlank();
            assertThat(event.occurredAt()).isNotNull();
            if (event instanceof InboundEvent.MessageReceived m) {
                assertThat(m.externalMessageId()).isNotBlank();
                assertThat(m.sender().externalUserId()).isNotBlank();
            }
            String written = json.writeValueAsString(event);
            assertThat(json.readValue(written, InboundEvent.class)).isEqualTo(event);
        }
    }

    @Test
    void providerFailuresAreTyped() {
        for (Uni<?> call : failingProviderCalls(adapter())) {
            Throwable failure = catchThrowable(() -> call.await().atMost(Duration.ofSeconds(30)));
            assertThat(failure).as("a refused provider call").isInstanceOf(ChannelException.class);
            assertThat(((ChannelException) failure).failure().reason()).isNotBlank();
        }
    }

    /** The JSON settings the runtime uses for inbound events on Kafka. */
    static final class RuntimeJson {

        private RuntimeJson() {
        }

        static ObjectMapper mapper() {
            ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
            new InboundEventJson().customize(mapper);
            return mapper;
        }
    }
}
