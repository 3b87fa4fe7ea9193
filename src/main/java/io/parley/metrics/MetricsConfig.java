package io.parley.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Parley's own Prometheus series at {@code /q/metrics} (see docs/metrics.md). */
@ConfigMapping(prefix = "parley.metrics")
public interface MetricsConfig {

    /**
     * How often the gauges read from the database (waiting conversations and oldest wait per queue, operators by
     * status, outbox backlog and lag, dead letters, disabled channels) are refreshed, with one query per refresh
     * (scheduler syntax, at least {@code 1s}). A scrape never queries the database.
     */
    @WithDefault("5s")
    String refreshInterval();
}
