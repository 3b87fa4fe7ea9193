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
import io.parley.channel.spi.Poller;
import io.smallrye.mutiny.Uni;

/**
 * A test-only channel type ({@code polled}) whose polls return what a test scripted for its feed
 * ({@code config.feed}): batches or failures, in order; an empty script returns an empty batch at the same cursor.
 */
@ApplicationScoped
public class PolledAdapterFactory implements ChannelAdapterFactory<String> {

    /** What the next polls of a feed return: {@link Poller.Batch} or {@link ChannelFailure} items. */
    static final Map<String, Deque<Object>> SCRIPTS = new ConcurrentHashMap<>();
    /** The cursor of every poll, per feed. */
    static final Map<String, List<String>> POLLS = new ConcurrentHashMap<>();

    static void script(String feed, Object... items) {
        SCRIPTS.put(feed, new ArrayDeque<>(List.of(items)));
    }

    @Override
    public String type() {
        return "polled";
    }

    @Override
    public String configure(ChannelSettings settings) {
        return settings.requireConfig("feed");
    }

    @Override
    public ChannelAdapter create(ChannelContext context, String feed) {
        return new Poller() {
            @Override
            public ChannelCapabilities capabilities() {
                return new ChannelCapabilities(100, 0, 0, false, false, 10);
            }

            @Override
            public Uni<Batch> poll(String cursor) {
                POLLS.computeIfAbsent(feed, k -> new CopyOnWriteArrayList<>()).add(String.valueOf(cursor));
                Object next = SCRIPTS.getOrDefault(feed, new ArrayDeque<>()).poll();
                if (next instanceof ChannelFailure failure) {
                    return Uni.createFrom().failure(new ChannelException(failure));
                }
                return Uni.createFrom().item(next == null ? new Batch(List.of(), cursor) : (Batch) next);
            }
        };
    }
}
