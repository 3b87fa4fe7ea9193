package io.parley.channel.runtime;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs work strictly in order per key and in parallel across keys, so one key that waits (a provider's per-chat limit,
 * a retry-after) holds up only itself. Each piece runs on a fresh duplicated Vert.x context, as Hibernate Reactive
 * requires.
 */
final class KeyedLanes {

    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    /** Pieces of work submitted and not finished. */
    int inFlight() {
        return inFlight.get();
    }

    /**
     * Runs {@code work} after the key's earlier work finished (successfully or not).
     *
     * @return completes when this work finished; never fails
     */
    CompletableFuture<Void> submit(String key, Supplier<Uni<Void>> work) {
        inFlight.incrementAndGet();
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous = tails.put(key, done);
        Context caller = Vertx.currentContext();
        Runnable start = () -> {
            Uni<Void> piece;
            try {
                piece = work.get();
            } catch (RuntimeException e) {
                piece = Uni.createFrom().failure(e);
            }
            piece.subscribe().with(ignored -> finish(key, done), failure -> finish(key, done));
        };
        (previous == null ? CompletableFuture.completedFuture(null) : previous).whenComplete((ignored, e) -> {
            if (caller == null) {
                start.run();
                return;
            }
            Context context = VertxContext.createNewDuplicatedContext(caller);
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(v -> start.run());
        });
        return done;
    }

    private void finish(String key, CompletableFuture<Void> done) {
        tails.remove(key, done);
        inFlight.decrementAndGet();
        done.complete(null);
    }
}
