package io.parley.routing.assignment;

import java.time.Instant;

/**
 * The instants a routing round stamps its planned offers with: the round's time plus one microsecond per offer, so
 * they are strictly increasing. Among operators who were equally idle, the one offered earlier in the round is then
 * the less idle one, and a round's offers rotate over them instead of piling onto the first by name. Not thread-safe:
 * used under the round's team lock.
 */
final class OfferClock {

    private Instant last;

    OfferClock(Instant roundStart) {
        this.last = roundStart;
    }

    Instant next() {
        last = last.plusNanos(1_000);
        return last;
    }
}
