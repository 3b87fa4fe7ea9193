package io.parley.reports;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

/** The query parameters every report takes (see docs/reports.md). */
public class ReportParams {

    /** Start of the range: a date or local date-time in {@link #tz}, or a date-time with offset. */
    @RestQuery
    public String from;
    /** End of the range (exclusive). */
    @RestQuery
    public String to;
    /** Time zone of the range and of the periods (default UTC). */
    @RestQuery
    public String tz;
    /** {@code hour}, {@code day} (default) or {@code week}. */
    @RestQuery
    public String group;
    @RestQuery
    public String queue;
    /** Channel type, e.g. {@code telegram}. */
    @RestQuery
    public String channel;
    @RestQuery
    public String category;
    /** Operator's token subject. */
    @RestQuery
    public String operator;
    /** Operators' group (team), as in their profiles. */
    @RestQuery
    public String team;
    /** {@code json} (default) or {@code csv}; {@code Accept: text/csv} asks for CSV too. */
    @RestQuery
    public String format;
    @RestHeader("Accept")
    public String accept;
}
