package io.parley.common.infra;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

/**
 * Runs a piece of asynchronous work at most once at a time: a trigger while it runs asks for exactly one more run
 * afterwards, so any number of wake-ups cost at most one extra round.
 */
public final class CoalescedTask {

    private static final Logger LOG = Logger.getLogger(CoalescedTask.class);

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
        work.get().onTermination().invoke(() -> {
            running.set(false);
            if (again.get()) {
                trigger();
            }
        }).subscribe().with(ignored -> {
        }, failure -> LOG.warnf("%s round failed, will retry: %s", name, failure.getMessage()));
    }
}
