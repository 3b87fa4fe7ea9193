package io.parley.channel.runtime;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.channel.spi.ChannelAdapterFactory;
import io.parley.channel.spi.ChannelSettings;
import io.parley.channel.spi.GeneratedSecrets;
import io.parley.channel.spi.InvalidChannelConfigException;
import io.parley.common.audit.AuditLog;
import io.parley.common.problem.Problem;
import io.parley.common.problem.ProblemException;
import io.parley.security.SecretsCipher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Creates, changes, enables and disables channel instances; every change is audited. */
@ApplicationScoped
class ChannelService {

    /** Integrators may manage only channels of this type (their own signed-webhook channels). */
    static final String INTEGRATOR_TYPE = "webhook";

    private final ChannelRegistry registry;
    private final ChannelDirectory directory;
    private final SecretsCipher cipher;
    private final ObjectMapper json;
    private final AuditLog audit;
    private final ChannelActivation activation;

    ChannelService(ChannelRegistry registry, ChannelDirectory directory, SecretsCipher cipher, ObjectMapper json,
            AuditLog audit, ChannelActivation activation) {
        this.registry = registry;
        this.directory = directory;
        this.cipher = cipher;
        this.json = json;
        this.audit = audit;
        this.activation = activation;
    }

    Uni<ChannelView> create(ChannelRequest request, Actor actor) {
        actor.requireMayManage(request.type());
        ChannelAdapterFactory<?> factory = registry.factory(request.type()).orElseThrow(
                () -> ProblemException.invalidField("type", "unknown channel type; known: " + registry.types()));
        Map<String, String> secrets = new HashMap<>(orEmpty(request.secrets()));
        Map<String, String> generated = new TreeMap<>();
        if (factory instanceof GeneratedSecrets generator) {
            generator.generateSecrets().forEach((name, value) -> {
                if (secrets.get(name) == null || secrets.get(name).isBlank()) {
                    secrets.put(name, value);
                    generated.put(name, value);
                }
            });
        }
        ChannelSettings settings = new ChannelSettings(orEmpty(request.config()), secrets);
        validate(factory, settings);
        ChannelEntity entity = new ChannelEntity();
        entity.id = UUID.randomUUID();
        entity.type = request.type();
        entity.name = request.name();
        entity.enabled = true;
        entity.config = settings.config();
        entity.secrets = encrypt(settings.secrets());
        entity.createdAt = OffsetDateTime.now();
        entity.updatedAt = entity.createdAt;
        return Panache.withTransaction(() -> entity.persist()
                .chain(() -> audit.record(actor.subject(), "channel.created", entity.id.toString(),
                        Map.of("type", entity.type, "name", entity.name))))
                .map(ignored -> ChannelView.of(entity, settings.secrets().keySet()))
                .chain(this::activated)
                .map(view -> view.withGeneratedSecrets(generated));
    }

    Uni<List<ChannelView>> list(Actor actor) {
        return Panache.withSession(() -> ChannelEntity.<ChannelEntity> listAll())
                .map(all -> all.stream().filter(c -> actor.mayManage(c.type)).map(this::view).toList());
    }

    Uni<ChannelView> get(UUID id, Actor actor) {
        return Panache.withSession(() -> find(id, actor)).map(this::view);
    }

    Uni<ChannelView> update(UUID id, ChannelUpdate update, Actor actor) {
        return Panache.withTransaction(() -> find(id, actor).chain(entity -> {
            ChannelSettings current = directory.settingsOf(entity);
            Map<String, String> secrets = new HashMap<>(current.secrets());
            orEmpty(update.secrets()).forEach((k, v) -> {
                if (v == null || v.isEmpty()) {
                    secrets.remove(k);
                } else {
                    secrets.put(k, v);
                }
            });
            ChannelSettings next = new ChannelSettings(
                    update.config() == null ? current.config() : update.config(), secrets);
            validate(registry.factory(entity.type).orElseThrow(), next);
            if (update.name() != null) {
                entity.name = update.name();
            }
            entity.config = next.config();
            entity.secrets = encrypt(next.secrets());
            entity.updatedAt = OffsetDateTime.now();
            return audit.record(actor.subject(), "channel.updated", id.toString(),
                    Map.of("secretsChanged", orEmpty(update.secrets()).keySet()))
                    .chain(() -> entity.<ChannelEntity> persistAndFlush());
        })).invoke(() -> directory.evict(id)).map(this::view).chain(this::activated);
    }

    Uni<ChannelView> setEnabled(UUID id, boolean enabled, String reason, Actor actor) {
        return Panache.withTransaction(() -> find(id, actor).chain(entity -> {
            entity.enabled = enabled;
            entity.disabledReason = enabled ? null : reason;
            entity.updatedAt = OffsetDateTime.now();
            return audit.record(actor.subject(), enabled ? "channel.enabled" : "channel.disabled", id.toString(),
                    reason == null ? Map.of() : Map.of("reason", reason))
                    .chain(() -> entity.<ChannelEntity> persistAndFlush());
        })).invoke(() -> directory.evict(id)).map(this::view).chain(this::activated);
    }

    /**
     * Registers the channel with its provider (or unregisters a disabled one); a channel whose activation fails is
     * disabled with the reason, which the administrator sees in the answer.
     */
    private Uni<ChannelView> activated(ChannelView view) {
        return activation.apply(view.id()).chain(failure -> failure == null ? Uni.createFrom().item(view)
                : disableBySystem(view.id(), "activation failed: " + failure)
                        .chain(() -> Panache.withSession(() -> ChannelEntity.<ChannelEntity> findById(view.id())))
                        .map(this::view));
    }

    /** Disables a channel on Parley's own decision (credentials refused by the provider). */
    Uni<Void> disableBySystem(UUID id, String reason) {
        return Panache.withTransaction(() -> ChannelEntity.<ChannelEntity> findById(id).chain(entity -> {
            entity.enabled = false;
            entity.disabledReason = reason;
            entity.updatedAt = OffsetDateTime.now();
            return audit.record("parley", "channel.disabled", id.toString(), Map.of("reason", reason));
        })).invoke(() -> directory.evict(id));
    }

    private Uni<ChannelEntity> find(UUID id, Actor actor) {
        return ChannelEntity.<ChannelEntity> findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Channel " + id))
                .invoke(entity -> actor.requireMayManage(entity.type));
    }

    private ChannelView view(ChannelEntity entity) {
        return ChannelView.of(entity, directory.settingsOf(entity).secrets().keySet());
    }

    private static void validate(ChannelAdapterFactory<?> factory, ChannelSettings settings) {
        try {
            factory.configure(settings);
        } catch (InvalidChannelConfigException e) {
            throw ProblemException.invalidField(e.field(), e.getMessage());
        }
    }

    private byte[] encrypt(Map<String, String> secrets) {
        try {
            return cipher.encrypt(json.writeValueAsString(secrets).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    /** Who is calling, and whether they may manage channels of a type. */
    record Actor(String subject, boolean admin) {

        boolean mayManage(String type) {
            return admin || INTEGRATOR_TYPE.equals(type);
        }

        void requireMayManage(String type) {
            if (!mayManage(type)) {
                throw new ProblemException(Problem.of(403, "Forbidden",
                        "Integrators may manage only '" + INTEGRATOR_TYPE + "' channels"));
            }
        }
    }
}
