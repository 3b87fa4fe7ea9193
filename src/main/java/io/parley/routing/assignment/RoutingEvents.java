package io.parley.routing.assignment;

/** The CloudEvents types of routing (see docs/events.md); keyed by session. */
final class RoutingEvents {

    static final String QUEUED = "io.parley.routing.queued";
    static final String ESCALATED = "io.parley.routing.escalated";
    static final String OFFERED = "io.parley.routing.offered";
    static final String OFFER_DECLINED = "io.parley.routing.offer-declined";
    static final String OFFER_EXPIRED = "io.parley.routing.offer-expired";
    static final String ASSIGNED = "io.parley.routing.assigned";
    static final String TRANSFERRED = "io.parley.routing.transferred";

    /** Data of routing events. */
    record Data(String sessionId, String queue, String operator, String offerId) {
    }

    private RoutingEvents() {
    }
}
