package io.parley.uploads;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Files uploaded to be sent with a message. */
@ConfigMapping(prefix = "parley.uploads")
public interface UploadsConfig {

    /**
     * The largest file (PARLEY_MAX_UPLOAD_SIZE); Quarkus' request limit is set to it too, while every other body keeps
     * the smaller {@code parley.http.max-body-size}.
     */
    @WithDefault("10M")
    MemorySize maxSize();
}
