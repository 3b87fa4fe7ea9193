package io.parley.routing.workflow;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Routing rules. */
@ConfigMapping(prefix = "parley.routing")
public interface RoutingConfig {

    /**
     * The workflow loaded as version 1 when none is stored yet (relative to the working directory); missing is fine,
     * then the first one must be saved through the admin API.
     */
    @WithDefault("config/workflow.json")
    String workflowFile();
}
