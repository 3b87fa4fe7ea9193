package io.parley.reports;

import java.time.ZoneOffset;

/**
 * Where a report reads its hourly rows and the conditions every report shares. The rollups answer filters on their
 * own keys; a filter on operator or team (conversation reports) or on channel or category (operator report) reads the
 * facts of the range instead, aggregated the same way.
 */
final class Sources {

    /** The period a row falls in, as local date-time text of the report's time zone. */
    static String period(ReportFilter f, Params p, String bucket) {
        return "to_char(date_trunc('" + f.group().unit() + "', " + bucket + " AT TIME ZONE " + p.add(f.zone().getId())
                + "), 'YYYY-MM-DD\"T\"HH24:MI')";
    }

    /** Hourly conversation rows {@code r}, restricted to the range and the filters. */
    static String conversations(ReportFilter f, Params p) {
        return conversations(f, p, f.category() == null ? "report_conversations_qc_hourly" : "report_conversations_hourly");
    }

    /** Topic rows {@code r} (conversations and spam per category), restricted to the range and the filters. */
    static String topics(ReportFilter f, Params p) {
        return conversations(f, p, "report_topics_hourly");
    }

    private static String conversations(ReportFilter f, Params p, String rollup) {
        String rows = f.operator() == null && f.team() == null ? rollup + " r"
                : "(" + RollupSql.conversations(facts(f, p)) + ") r";
        return rows + " WHERE r.bucket >= " + p.add(f.from().atOffset(ZoneOffset.UTC)) + " AND r.bucket < "
                + p.add(f.to().atOffset(ZoneOffset.UTC)) + equal("r.queue", f.queue(), p)
                + equal("r.channel_type", f.channel(), p) + equal("r.category", f.category(), p);
    }

    /** Hourly resolution rows {@code r}, restricted to the range and the filters. */
    static String resolutions(ReportFilter f, Params p) {
        String rows = f.operator() == null && f.team() == null ? "report_resolutions_hourly r"
                : "(" + RollupSql.resolutions(facts(f, p)) + ") r";
        return rows + " WHERE r.bucket >= " + p.add(f.from().atOffset(ZoneOffset.UTC)) + " AND r.bucket < "
                + p.add(f.to().atOffset(ZoneOffset.UTC)) + equal("r.queue", f.queue(), p)
                + equal("r.channel_type", f.channel(), p) + equal("r.category", f.category(), p);
    }

    /** Hourly operator rows {@code r}, restricted to the range and the filters. */
    static String operators(ReportFilter f, Params p) {
        String rows = f.channel() == null && f.category() == null ? "report_operators_hourly r"
                : "(" + RollupSql.operators(facts(f, p) + equal("f.channel_type", f.channel(), p)
                        + equal("coalesce(f.wrap_up_category, f.category, '')", f.category(), p)) + ") r";
        return rows + " WHERE r.bucket >= " + p.add(f.from().atOffset(ZoneOffset.UTC)) + " AND r.bucket < "
                + p.add(f.to().atOffset(ZoneOffset.UTC)) + equal("r.queue", f.queue(), p)
                + who("r.operator", f, p);
    }

    /** The operator and team conditions on a column holding one operator. */
    static String who(String column, ReportFilter f, Params p) {
        return equal(column, f.operator(), p) + (f.team() == null ? ""
                : " AND " + column + " IN (SELECT subject FROM operators WHERE " + p.add(f.team()) + " = ANY (groups))");
    }

    private static String facts(ReportFilter f, Params p) {
        String where = "FROM conversation_facts f WHERE f.opened_at >= " + p.add(f.from().atOffset(ZoneOffset.UTC))
                + " AND f.opened_at < " + p.add(f.to().atOffset(ZoneOffset.UTC));
        if (f.operator() != null) {
            where += " AND " + p.add(f.operator()) + " = ANY (f.operators)";
        }
        if (f.team() != null) {
            where += " AND f.operators && ARRAY(SELECT subject FROM operators WHERE " + p.add(f.team())
                    + " = ANY (groups))";
        }
        return where;
    }

    static String equal(String column, String value, Params p) {
        return value == null ? "" : " AND " + column + " = " + p.add(value);
    }

    private Sources() {
    }
}
