package io.parley.reports;

/** How a report's rows are grouped in time: by hour, day or week (Monday first) of the report's time zone. */
enum Grouping {
    HOUR,
    DAY,
    WEEK;

    /** The unit of PostgreSQL's {@code date_trunc} and {@code interval}. */
    String unit() {
        return name().toLowerCase();
    }
}
