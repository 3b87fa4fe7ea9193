package io.parley.reports;

import java.time.Instant;
import java.time.InstantSource;

/** A clock the test sets by hand: it stands still between steps of a script. */
final class ScriptClock implements InstantSource {

    private volatile Instant now;

    ScriptClock(Instant start) {
        this.now = start;
    }

    void set(Instant at) {
        this.now = at;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
