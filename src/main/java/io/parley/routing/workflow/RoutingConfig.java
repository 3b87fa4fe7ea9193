package io.parley.routing.workflow;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Routing rules. */
@ConfigMapping(prefix = "parley.routing")
public interface RoutingConfig {

    /**
     * The workflow stored as version 1 when none is stored yet: {@code builtin} (config/workflow.json as shipped with
     * Parley), a file (absolute or relative to the working directory; a missing file stops start-up), or {@code none}
     * (the first workflow is then saved through the admin API).
     */
    @WithDefault("builtin")
    String workflowFile();
}
