package io.parley.routing.assignment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.parley.common.infra.CoalescedTask;
import io.parley.common.infra.PgListener;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs routing rounds on every instance: at once when the database says work appeared (a conversation needs an
 * operator or waits again, an operator's status changed), and on a sweep for offer expiry and step timeouts.
 * Instances share the work safely; see {@link RoutingEngine}.
 */
@ApplicationScoped
class RoutingLoop {

    private final CoalescedTask task;

    RoutingLoop(RoutingEngine engine) {
        this.task = new CoalescedTask("Routing", engine::round);
    }

    void listen(@Observes StartupEvent event, PgListener listener) {
        listener.listen("parley_routing", task::trigger);
    }

    @Scheduled(every = "${parley.routing.assignment.sweep-interval}", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        task.trigger();
    }

    /** Routes now (after an operator action that frees or takes capacity). */
    void wake() {
        task.trigger();
    }
}
