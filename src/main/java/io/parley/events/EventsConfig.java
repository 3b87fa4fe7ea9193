package io.parley.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** CloudEvents published for CRMs. */
@ConfigMapping(prefix = "parley.events")
public interface EventsConfig {

    /** The Kafka topic events are published to. */
    @WithDefault("parley.events")
    String topic();

    /** The CloudEvents {@code source} attribute identifying this installation. */
    @WithDefault("/parley")
    String source();
}
