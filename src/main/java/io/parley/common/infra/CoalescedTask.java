package io.parley.common.infra;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

/**
 * Runs a piece of asynchronous work at most once at a time: a trigger while it runs asks for exactly one more run
 * afterwards, so any number of wake-ups cost at most one extra round. While the application stops
 * ({@link GracefulShutdown}), triggers start nothing, and the stop waits for rounds already running.
 */
public final class CoalescedTask {

    private static final Logger LOG = Logger.getLogger(CoalescedTask.class);
    private static final AtomicBoolean STOPPING = new AtomicBoolean();
    private static final AtomicInteger RUNNING = new AtomicInteger();

    private final String name;
    private final Supplier<Uni<?>> work;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public CoalescedTask(String name, Supplier<Uni<?>> work) {
        this.name = name;
        this.work = work;
    }

    /** Starts a round now, or right after the current one. */
    public void trigger() {
        if (STOPPING.get()) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        Context context = VertxContext.getOrCreateDuplicatedContext();
        if (context == null) {
            runRound();
        } else {
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> runRound());
        }
    }

    /** Runs one round on a duplicated Vert.x context, as Hibernate Reactive requires. */
    private void runRound() {
        RUNNING.incrementAndGet();
        Uni.createFrom().deferred(() -> work.get()).onTermination().invoke(() -> {
            RUNNING.decrementAndGet();
            running.set(false);
            if (again.get()) {
                trigger();
            }
        }).subscribe().with(ignored -> {
        }, failure -> LOG.warnf("%s round failed, will retry: %s", name, failure.getMessage()));
    }

    /** From now on triggers start no round; waits up to {@code max} for the rounds running now. */
    static boolean stopAll(Duration max) throws InterruptedException {
        STOPPING.set(true);
        long deadline = System.nanoTime() + max.toNanos();
        while (RUNNING.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return RUNNING.get() == 0;
    }

    /** Triggers start rounds again (a new start of the application in the same JVM, as tests do). */
    static void resumeAll() {
        STOPPING.set(false);
    }
}
