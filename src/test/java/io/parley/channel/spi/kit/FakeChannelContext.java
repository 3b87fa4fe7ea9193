package io.parley.channel.spi.kit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import io.parley.channel.spi.ChannelContext;

/** A channel context for adapter tests: a fixed clock, a random channel id, a local base URL. */
public final class FakeChannelContext {

    /** The instant every fake context's clock shows. */
    public static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");

    private FakeChannelContext() {
    }

    public static ChannelContext of(String type) {
        return new ChannelContext(UUID.randomUUID(), type, "http://localhost:8080", Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
