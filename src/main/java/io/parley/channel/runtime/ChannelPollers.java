package io.parley.channel.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.channel.spi.ChannelException;
import io.parley.channel.spi.ChannelFailure;
import io.parley.channel.spi.Poller;
import io.parley.common.infra.InstanceIdentity;
import io.parley.events.EventPublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Runs one poll loop per enabled {@link Poller} channel across all Parley instances. Every instance scans for polling
 * channels; the one that gets a channel's lease ({@link PollLeases}) polls it: renew the lease, poll from the stored
 * cursor, write the events to Kafka, and only then store the new cursor. A crash re-polls from the last stored cursor
 * (duplicates are dropped by the pipeline). Failed polls back off; refused credentials disable the channel. A
 * {@link ChannelFailure.Conflict} (another client takes the channel's updates) is counted in {@value #CONFLICTS}, backs
 * off up to {@code conflict-max-backoff}, and once it has lasted {@code conflict-grace} is shown on the channel
 * ({@code poll_problem}) and announced with {@value #CONFLICT_EVENT}; the next successful poll clears it and announces
 * {@value #RESUMED_EVENT}.
 */
@ApplicationScoped
class ChannelPollers {

    static final String CONFLICTS = "parley.channels.poll.conflicts";
    static final String CONFLICT_EVENT = "io.parley.channel.poll-conflict";
    static final String RESUMED_EVENT = "io.parley.channel.poll-resumed";
    private static final Logger LOG = Logger.getLogger(ChannelPollers.class);

    /** A conflict a channel's loop is in: since when, and whether it is shown on the channel yet. */
    private record Conflict(String type, Instant since, boolean shown) {
    }

    /** What a loop does after one round. */
    private enum Next {
        AT_ONCE,
        IDLE,
        STOP
    }

    private final String owner;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final Map<UUID, Integer> failures = new ConcurrentHashMap<>();
    private final Map<UUID, Conflict> conflicts = new ConcurrentHashMap<>();
    private final Map<UUID, String> types = new ConcurrentHashMap<>();
    /** Channels found not to poll, with the version they were checked at (a change is checked again). */
    private final Map<UUID, Integer> notPolling = new ConcurrentHashMap<>();
    private final Pool pool;
    private final PollLeases leases;
    private final ChannelDirectory directory;
    private final InboundPublisher inbound;
    private final ChannelService channels;
    private final ChannelRuntimeConfig.Polling config;
    private final Vertx vertx;
    private final AgroalDataSource dataSource;
    private final MeterRegistry metrics;
    private final EventPublisher events;
    private volatile boolean stopping;

    ChannelPollers(Pool pool, PollLeases leases, ChannelDirectory directory, InboundPublisher inbound,
            ChannelService channels, ChannelRuntimeConfig config, Vertx vertx, AgroalDataSource dataSource,
            MeterRegistry metrics, EventPublisher events, InstanceIdentity instance) {
        this.owner = instance.id();
        this.pool = pool;
        this.leases = leases;
        this.directory = directory;
        this.inbound = inbound;
        this.channels = channels;
        this.config = config.polling();
        this.vertx = vertx;
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.events = events;
    }

    @Scheduled(every = "${parley.channels.polling.scan-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scan() {
        return pool.query("SELECT c.id, c.version FROM channels c LEFT JOIN channel_poll_state p"
                + " ON p.channel_id = c.id WHERE c.enabled AND (p.owner IS NULL OR p.lease_until < now())").execute()
                .invoke(rows -> rows.forEach(row -> {
                    UUID id = row.getUUID("id");
                    int version = row.getInteger("version");
                    if (!stopping && !Integer.valueOf(version).equals(notPolling.get(id)) && running.add(id)) {
                        onNewContext(() -> round(id, version));
                    }
                })).replaceWithVoid();
    }

    /**
     * One round of a channel's loop; schedules the next one unless the loop ends. {@code version} is the channel's
     * version when the scan found it (first round: the adapter is built afresh, not taken from the cache), or -1.
     */
    private void round(UUID channelId, int version) {
        if (version >= 0) {
            directory.evict(channelId);
        }
        directory.resolve(channelId).chain(channel -> {
            if (!channel.enabled() || !(channel.adapter() instanceof Poller poller)) {
                if (channel.enabled() && version >= 0) {
                    notPolling.put(channelId, version);
                }
                return leases.release(channelId, owner).replaceWith(Next.STOP);
            }
            types.put(channelId, channel.type());
            return leases.hold(channelId, owner, config.leaseTtl()).chain(lease -> lease == null
                    ? Uni.createFrom().item(Next.STOP)
                    : poller.poll(lease.cursor()).invoke(batch -> inbound.unusable(channel, batch.unusable()))
                            .chain(batch -> inbound.publish(channel, batch.events())
                                    .chain(() -> leases.advance(channelId, owner, batch.nextCursor()))
                                    .map(held -> !held ? Next.STOP : batch.events().isEmpty() ? Next.IDLE : Next.AT_ONCE)));
        }).subscribe().with(next -> {
            failures.remove(channelId);
            resumed(channelId);
            after(channelId, next, Duration.ZERO);
        }, failure -> after(channelId, Next.IDLE, pauseAfter(channelId, failure)));
    }

    private void after(UUID channelId, Next next, Duration failurePause) {
        if (next == Next.STOP || stopping) {
            running.remove(channelId);
            return;
        }
        Duration pause = failurePause.isZero() ? next == Next.IDLE ? config.idleDelay() : Duration.ZERO
                : failurePause;
        if (pause.isZero()) {
            onNewContext(() -> round(channelId, -1));
        } else {
            vertx.setTimer(pause.toMillis(), ignored -> onNewContext(() -> round(channelId, -1)));
        }
    }

    /** How long to wait after a failed round; refused credentials disable the channel (its loop then ends). */
    private Duration pauseAfter(UUID channelId, Throwable failure) {
        ChannelFailure typed = failure instanceof ChannelException ce ? ce.failure()
                : new ChannelFailure.Retryable(failure.getClass().getSimpleName());
        int count = failures.merge(channelId, 1, Integer::sum);
        LOG.infof("Poll of channel %s failed (%d in a row): %s", channelId, count, typed.reason());
        if (typed instanceof ChannelFailure.AuthenticationFailed auth) {
            channels.disableBySystem(channelId, "credentials refused: " + auth.reason()).subscribe().with(
                    ignored -> LOG.warnf("Channel %s disabled: its credentials were refused", channelId),
                    e -> LOG.warnf("Disabling channel %s failed: %s", channelId, e.toString()));
        }
        if (typed instanceof ChannelFailure.RateLimited limited) {
            return limited.retryAfter().isZero() ? config.initialBackoff() : limited.retryAfter();
        }
        Duration max = config.maxBackoff();
        if (typed instanceof ChannelFailure.Conflict conflict) {
            conflicted(channelId, conflict.reason());
            max = config.conflictMaxBackoff();
        }
        Duration backoff = config.initialBackoff().multipliedBy(1L << Math.min(count - 1, 16));
        return backoff.compareTo(max) > 0 ? max : backoff;
    }

    /** Counts a conflicted poll; one that has lasted the grace period is shown on the channel and announced once. */
    private void conflicted(UUID channelId, String reason) {
        String type = types.getOrDefault(channelId, "unknown");
        metrics.counter(CONFLICTS, "channel", channelId.toString(), "channel_type", type).increment();
        Instant now = Instant.now();
        Conflict conflict = conflicts.computeIfAbsent(channelId, id -> new Conflict(type, now, false));
        if (conflict.shown() || conflict.since().plus(config.conflictGrace()).isAfter(now)) {
            return;
        }
        conflicts.put(channelId, new Conflict(type, conflict.since(), true));
        OffsetDateTime since = conflict.since().atOffset(ZoneOffset.UTC);
        LOG.warnf("Channel %s gets no updates since %s: %s", channelId, since, reason);
        pool.withTransaction(c -> c.preparedQuery(
                "UPDATE channels SET poll_problem = $2, poll_problem_since = $3 WHERE id = $1")
                .execute(Tuple.of(channelId, reason, since))
                .chain(() -> events.publish(c, CONFLICT_EVENT, channelId.toString(), channelId.toString(),
                        Map.of("channelId", channelId.toString(), "channelType", type, "reason", reason,
                                "since", since.toString()))))
                .subscribe().with(ignored -> {
                }, e -> LOG.warnf("Recording the poll conflict of channel %s failed: %s", channelId, e.toString()));
    }

    /** Ends a conflict: a shown one is cleared from the channel and its end announced. */
    private void resumed(UUID channelId) {
        Conflict conflict = conflicts.remove(channelId);
        if (conflict == null || !conflict.shown()) {
            return;
        }
        LOG.infof("Channel %s gets updates again", channelId);
        pool.withTransaction(c -> c.preparedQuery(
                "UPDATE channels SET poll_problem = NULL, poll_problem_since = NULL WHERE id = $1")
                .execute(Tuple.of(channelId))
                .chain(() -> events.publish(c, RESUMED_EVENT, channelId.toString(), channelId.toString(),
                        Map.of("channelId", channelId.toString(), "channelType", conflict.type()))))
                .subscribe().with(ignored -> {
                }, e -> LOG.warnf("Clearing the poll conflict of channel %s failed: %s", channelId, e.toString()));
    }

    /** Runs work on a fresh duplicated Vert.x context, as Hibernate Reactive requires outside requests. */
    private void onNewContext(Runnable work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> work.run());
    }

    /** Gives this instance's leases up so that another instance continues polling at once. */
    void release(@Observes ShutdownEvent event) throws SQLException {
        stopping = true;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement release = connection.prepareStatement(
                        "UPDATE channel_poll_state SET owner = NULL, lease_until = now() WHERE owner = ?")) {
            release.setString(1, owner);
            release.executeUpdate();
        }
    }
}
