package io.parley.reports;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Reporting: facts, rollups and the reports API (see docs/reports.md). */
@ConfigMapping(prefix = "parley.reports")
public interface ReportsConfig {

    /**
     * Whether events and replies are recorded as reporting facts. Recording costs the hot paths about 40 % of their
     * throughput today (docs/benchmarks.md), so the production profile sets it from PARLEY_REPORTS_RECORD_FACTS
     * (default false); reports miss what happened while it was off.
     */
    @WithDefault("true")
    boolean recordFacts();

    /**
     * How often the hourly rollups are brought up to date with the facts (scheduler syntax); reports over past hours
     * are at most this much behind.
     */
    @WithDefault("30s")
    String rollupInterval();

    /** The longest time range one report may cover, in days. */
    @WithDefault("400")
    int maxRangeDays();
}
