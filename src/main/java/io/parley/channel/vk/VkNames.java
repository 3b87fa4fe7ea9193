package io.parley.channel.vk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.parley.channel.spi.InboundEvent;
import io.parley.channel.spi.Sender;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Names the senders of VK messages: VK sends only ids with events, so the names and screen names come from
 * {@code users.get} (one call for all unknown senders of a batch) and are kept for {@link #TTL} per community. A
 * failed call leaves the senders unnamed; the messages are taken in regardless.
 */
final class VkNames {

    static final Duration TTL = Duration.ofHours(6);
    private static final int MAX_ENTRIES = 50_000;
    private static final Logger LOG = Logger.getLogger(VkNames.class);

    /** A sender's name as VK gives it, and when it was fetched. */
    record Name(String displayName, String username, Instant fetched) {
    }

    private final Map<String, Name> cache = new ConcurrentHashMap<>();

    /** The events with their senders named (users only: group ids are negative). */
    Uni<List<InboundEvent>> named(VkApi api, long groupId, List<InboundEvent> events, Instant now) {
        Set<String> unknown = new LinkedHashSet<>();
        for (InboundEvent event : events) {
            if (event instanceof InboundEvent.MessageReceived m && m.sender().displayName() == null
                    && isUser(m.sender().externalUserId()) && fresh(groupId, m.sender().externalUserId(), now) == null) {
                unknown.add(m.sender().externalUserId());
            }
        }
        Uni<Void> fetched = unknown.isEmpty() ? Uni.createFrom().voidItem()
                : api.call("users.get", Map.of("user_ids", String.join(",", unknown), "fields", "screen_name"))
                        .invoke(response -> remember(groupId, response, now)).replaceWithVoid()
                        .onFailure().recoverWithItem(e -> {
                            LOG.debugf("users.get for community %d failed: %s", groupId, e.getMessage());
                            return null;
                        });
        return fetched.map(ignored -> {
            List<InboundEvent> out = new ArrayList<>(events.size());
            for (InboundEvent event : events) {
                Name name = event instanceof InboundEvent.MessageReceived m && m.sender().displayName() == null
                        ? fresh(groupId, m.sender().externalUserId(), now)
                        : null;
                out.add(name == null ? event : withName((InboundEvent.MessageReceived) event, name));
            }
            return out;
        });
    }

    private void remember(long groupId, Object response, Instant now) {
        if (cache.size() > MAX_ENTRIES) {
            cache.clear();
        }
        if (response instanceof JsonArray users) {
            for (Object item : users) {
                JsonObject user = (JsonObject) item;
                String name = (user.getString("first_name", "") + " " + user.getString("last_name", "")).trim();
                cache.put(groupId + ":" + user.getLong("id"), new Name(name.isEmpty() ? null : name,
                        user.getString("screen_name"), now));
            }
        }
    }

    private Name fresh(long groupId, String userId, Instant now) {
        Name name = cache.get(groupId + ":" + userId);
        return name == null || name.fetched().plus(TTL).isBefore(now) ? null : name;
    }

    private static boolean isUser(String id) {
        return id != null && id.matches("[1-9]\\d{0,18}");
    }

    private static InboundEvent.MessageReceived withName(InboundEvent.MessageReceived m, Name name) {
        Sender s = m.sender();
        return new InboundEvent.MessageReceived(m.externalMessageId(), m.externalChatId(),
                new Sender(s.externalUserId(), name.displayName(), name.username(), s.phone(), s.email(),
                        s.verified()),
                m.text(), m.attachments(), m.occurredAt(), m.metadata(), m.subject(), m.html(), m.threading());
    }
}
