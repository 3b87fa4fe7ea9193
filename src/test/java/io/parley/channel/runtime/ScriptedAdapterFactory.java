package io.parley.channel.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.channel.spi.ChannelAdapter;
import io.parley.channel.spi.ChannelAdapterFactory;
import io.parley.channel.spi.ChannelCapabilities;
import io.parley.channel.spi.ChannelContext;
import io.parley.channel.spi.ChannelException;
import io.parley.channel.spi.ChannelFailure;
import io.parley.channel.spi.ChannelSettings;
import io.parley.channel.spi.MessageSender;
import io.parley.channel.spi.OutboundMessage;
import io.parley.channel.spi.SendResult;
import io.smallrye.mutiny.Uni;

/**
 * A test-only channel type ({@code scripted}) whose sends fail as a test scripts them per chat, so the runtime's
 * retry, rate-limit, dead-letter and disable behaviour can be observed. Texts longer than 50 characters are split.
 * With config {@code buttons=true} it claims buttons (as Telegram's inline keyboard would), for the menu bot.
 */
@ApplicationScoped
public class ScriptedAdapterFactory implements ChannelAdapterFactory<String> {

    static final int MAX_TEXT = 50;

    /** Failures to return, in order, for the next sends to a chat; an empty script means success. */
    static final Map<String, Deque<ChannelFailure>> SCRIPTS = new ConcurrentHashMap<>();
    /** Every send the provider accepted. */
    public static final List<OutboundMessage> SENT = new CopyOnWriteArrayList<>();
    /** Every send attempt, accepted or not. */
    static final List<OutboundMessage> ATTEMPTS = new CopyOnWriteArrayList<>();

    static void script(String chat, ChannelFailure... failures) {
        SCRIPTS.put(chat, new ArrayDeque<>(List.of(failures)));
    }

    @Override
    public String type() {
        return "scripted";
    }

    @Override
    public String configure(ChannelSettings settings) {
        return settings.config("buttons").orElse("false");
    }

    @Override
    public ChannelAdapter create(ChannelContext context, String config) {
        return new MessageSender() {
            @Override
            public ChannelCapabilities capabilities() {
                return new ChannelCapabilities(MAX_TEXT, 0, 0, false, "true".equals(config), 100);
            }

            @Override
            public Uni<SendResult> send(OutboundMessage message) {
                ATTEMPTS.add(message);
                ChannelFailure failure = SCRIPTS.getOrDefault(message.externalChatId(), new ArrayDeque<>()).poll();
                if (failure != null) {
                    return Uni.createFrom().failure(new ChannelException(failure));
                }
                SENT.add(message);
                return Uni.createFrom().item(new SendResult("ext-" + message.messageId()));
            }
        };
    }
}
