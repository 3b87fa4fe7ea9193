package io.parley.common.infra;

import java.time.InstantSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Parley's clock: the system clock, as a bean so tests can swap it ({@code QuarkusMock.installMockForType}) and play
 * a scripted day. Reporting facts and event times read it; older code still reads the system time directly.
 */
class Clocks {

    @Produces
    @ApplicationScoped
    InstantSource clock() {
        return InstantSource.system();
    }
}
