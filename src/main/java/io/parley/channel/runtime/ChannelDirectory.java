package io.parley.channel.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.channel.spi.ChannelAdapter;
import io.parley.channel.spi.ChannelAdapterFactory;
import io.parley.channel.spi.ChannelContext;
import io.parley.channel.spi.ChannelSettings;
import io.parley.common.problem.ProblemException;
import io.parley.security.SecretsCipher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Resolves channel instances to live adapters, caching each for {@code parley.channels.cache-ttl}. Adapters are built
 * from the stored settings by their type's factory.
 */
@ApplicationScoped
public class ChannelDirectory {

    private record Cached(ResolvedChannel channel, long expiresAt) {
    }

    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    private final ChannelRegistry registry;
    private final SecretsCipher cipher;
    private final ObjectMapper json;
    private final ChannelRuntimeConfig config;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    ChannelDirectory(ChannelRegistry registry, SecretsCipher cipher, ObjectMapper json, ChannelRuntimeConfig config) {
        this.registry = registry;
        this.cipher = cipher;
        this.json = json;
        this.config = config;
    }

    /** The channel with its adapter; fails with 404 problem when it does not exist. */
    public Uni<ResolvedChannel> resolve(UUID channelId) {
        Cached cached = cache.get(channelId);
        if (cached != null && cached.expiresAt() > System.nanoTime()) {
            return Uni.createFrom().item(cached.channel());
        }
        return Panache.withSession(() -> ChannelEntity.<ChannelEntity> findById(channelId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Channel " + channelId))
                .map(this::build)
                .invoke(channel -> cache.put(channelId,
                        new Cached(channel, System.nanoTime() + config.cacheTtl().toNanos())));
    }

    /** Forgets a cached adapter after its channel changed on this instance. */
    public void evict(UUID channelId) {
        cache.remove(channelId);
    }

    /** The stored settings of a channel, secrets decrypted. */
    ChannelSettings settingsOf(ChannelEntity entity) {
        Map<String, String> secrets = Map.of();
        if (entity.secrets != null) {
            try {
                secrets = json.readValue(new String(cipher.decrypt(entity.secrets), StandardCharsets.UTF_8), MAP);
            } catch (IOException e) {
                throw new IllegalStateException("Stored secrets of channel " + entity.id + " are unreadable", e);
            }
        }
        return new ChannelSettings(entity.config == null ? Map.of() : entity.config, secrets);
    }

    private ResolvedChannel build(ChannelEntity entity) {
        ChannelAdapterFactory<?> factory = registry.factory(entity.type).orElseThrow(
                () -> new IllegalStateException("No adapter for channel type " + entity.type));
        return new ResolvedChannel(entity.id, entity.type, entity.name, entity.enabled, entity.disabledReason,
                create(factory, entity));
    }

    private <C> ChannelAdapter create(ChannelAdapterFactory<C> factory, ChannelEntity entity) {
        C typed = factory.configure(settingsOf(entity));
        ChannelContext context = new ChannelContext(entity.id, entity.type, config.publicBaseUrl(),
                Clock.systemUTC());
        return factory.create(context, typed);
    }
}
