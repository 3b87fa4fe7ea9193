package io.parley.common.infra;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * This instance's name wherever other instances see it (poll leases, push presence): host name, HTTP port and a random
 * part, e.g. {@code parley-node-2-8080-3f9c1a2b}, logged at start, so a lease or presence row names the host that holds
 * it.
 */
@ApplicationScoped
public class InstanceIdentity {

    private static final Logger LOG = Logger.getLogger(InstanceIdentity.class);

    private final String id;

    InstanceIdentity(@ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int httpPort) {
        this.id = "parley-" + KafkaStaticMembership.hostName() + "-" + httpPort + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    public String id() {
        return id;
    }

    void announce(@Observes StartupEvent start) {
        LOG.infof("This instance is %s (pid %d)", id, ProcessHandle.current().pid());
    }
}
