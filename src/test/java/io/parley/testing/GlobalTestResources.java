package io.parley.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the real infrastructure for every {@code @QuarkusTest} in the suite. */
@QuarkusTestResource(ParleyInfrastructure.class)
public final class GlobalTestResources {

    private GlobalTestResources() {
    }
}
