package io.parley.reports;

import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The aggregation of {@code conversation_facts} into hourly rows: what the rollup refresh stores, and what a report
 * filtered beyond the rollups' keys reads from the facts directly, so both give the same measures.
 */
final class RollupSql {

    static final String HOUR = "date_trunc('hour', f.opened_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'";

    static final String ABANDONED = "f.queued_at IS NOT NULL AND f.first_reply_at IS NULL AND f.closed_at IS NOT NULL"
            + " AND NOT f.closed_by_operator";

    /** The columns of {@code report_conversations_hourly} after the key. */
    static final String CONVERSATION_MEASURES = "opened, incoming, offered, accepted, answered, abandoned, closed,"
            + " transferred, reopened, spam, sla_eligible, sla_met, sla_breached, customer_messages, operator_messages,"
            + " delivery_failures, wait_offer_n, wait_offer_sum, " + bins("wo") + ", wait_reply_n, wait_reply_sum, "
            + bins("wr") + ", first_response_n, first_response_sum, handle_n, handle_sum";

    static final String OPERATOR_MEASURES = "handled, first_response_n, first_response_sum, handle_n, handle_sum";

    /** Hourly conversation rows of the facts {@code f} that {@code source} (FROM … WHERE …) selects. */
    static String conversations(String source) {
        return "SELECT " + HOUR + " AS bucket, coalesce(f.queue, '') AS queue, f.channel_type,"
                + " coalesce(f.wrap_up_category, f.category, '') AS category,"
                + " count(*) AS opened, count(f.queued_at) AS incoming,"
                + " count(*) FILTER (WHERE f.queued_at IS NOT NULL AND f.first_offered_at IS NOT NULL) AS offered,"
                + " count(*) FILTER (WHERE f.queued_at IS NOT NULL AND f.accepted_at IS NOT NULL) AS accepted,"
                + " count(*) FILTER (WHERE f.queued_at IS NOT NULL AND f.first_reply_at IS NOT NULL) AS answered,"
                + " count(*) FILTER (WHERE f.abandoned) AS abandoned, count(f.closed_at) AS closed,"
                + " count(*) FILTER (WHERE f.transfers > 0) AS transferred,"
                + " count(*) FILTER (WHERE f.reopened > 0) AS reopened, count(*) FILTER (WHERE f.spam) AS spam,"
                + " count(*) FILTER (WHERE f.sla_target_seconds IS NOT NULL"
                + " AND (f.first_reply_at IS NOT NULL OR f.abandoned)) AS sla_eligible,"
                + " count(*) FILTER (WHERE f.wait_reply <= f.sla_target_seconds) AS sla_met,"
                + " count(*) FILTER (WHERE f.sla_breached) AS sla_breached,"
                + " sum(f.customer_messages) AS customer_messages, sum(f.operator_messages) AS operator_messages,"
                + " sum(f.delivery_failures) AS delivery_failures,"
                + " count(f.wait_offer) AS wait_offer_n, coalesce(sum(f.wait_offer), 0) AS wait_offer_sum, "
                + binCounts("wo", "f.wait_offer_bin") + ","
                + " count(f.wait_reply) AS wait_reply_n, coalesce(sum(f.wait_reply), 0) AS wait_reply_sum, "
                + binCounts("wr", "f.wait_reply_bin") + ","
                + " count(f.first_response) AS first_response_n,"
                + " coalesce(sum(f.first_response), 0) AS first_response_sum,"
                + " count(f.handle) AS handle_n, coalesce(sum(f.handle), 0) AS handle_sum"
                + " FROM (SELECT f.*, " + ABANDONED + " AS abandoned,"
                + " width_bucket(f.wait_offer, " + Histogram.SQL_BOUNDS + ") AS wait_offer_bin,"
                + " width_bucket(f.wait_reply, " + Histogram.SQL_BOUNDS + ") AS wait_reply_bin"
                + " FROM (" + durations(source) + ") f) f GROUP BY 1, 2, 3, 4";
    }

    /** Hourly operator rows: closed conversations and handle time of the last operator, first responses of theirs. */
    static String operators(String source) {
        return "SELECT bucket, operator, queue, sum(handled) AS handled, sum(first_response_n) AS first_response_n,"
                + " sum(first_response_sum) AS first_response_sum, sum(handle_n) AS handle_n,"
                + " sum(handle_sum) AS handle_sum FROM ("
                + "SELECT " + HOUR + " AS bucket, f.operator, coalesce(f.queue, '') AS queue, 1 AS handled,"
                + " 0 AS first_response_n, 0 AS first_response_sum, CASE WHEN f.handle IS NULL THEN 0 ELSE 1 END"
                + " AS handle_n, coalesce(f.handle, 0) AS handle_sum FROM (" + durations(source) + ") f"
                + " WHERE f.operator IS NOT NULL AND f.closed_at IS NOT NULL"
                + " UNION ALL SELECT " + HOUR + ", f.first_reply_operator, coalesce(f.queue, ''), 0, 1,"
                + " f.first_response, 0, 0 FROM (" + durations(source) + ") f WHERE f.first_response IS NOT NULL"
                + ") u GROUP BY 1, 2, 3";
    }

    /** Hourly counts of wrap-up resolution codes. */
    static String resolutions(String source) {
        return "SELECT " + HOUR + " AS bucket, coalesce(f.queue, '') AS queue, f.channel_type,"
                + " coalesce(f.wrap_up_category, f.category, '') AS category, f.wrap_up_resolution AS resolution,"
                + " count(*) AS conversations " + source + " AND f.wrap_up_resolution IS NOT NULL GROUP BY 1, 2, 3, 4, 5";
    }

    private static String durations(String source) {
        return "SELECT f.*, " + seconds("f.first_offered_at - f.queued_at") + " AS wait_offer, "
                + seconds("f.first_reply_at - f.queued_at") + " AS wait_reply,"
                + " CASE WHEN f.first_reply_at >= f.accepted_at"
                + " THEN extract(epoch FROM f.first_reply_at - f.accepted_at) END AS first_response, "
                + seconds("f.closed_at - f.accepted_at") + " AS handle " + source;
    }

    /** The interval in seconds, never negative; {@code NULL} when either end is missing. */
    private static String seconds(String interval) {
        return "CASE WHEN " + interval + " IS NOT NULL THEN greatest(0, extract(epoch FROM " + interval + ")) END";
    }

    /** {@code sum(c) AS c} for each of the comma-separated columns. */
    static String sumsOf(String columns) {
        return Arrays.stream(columns.split(", ")).map(c -> "sum(" + c + ") AS " + c).collect(Collectors.joining(", "));
    }

    static String bins(String prefix) {
        return IntStream.rangeClosed(1, Histogram.LOWER_BOUNDS.length).mapToObj(i -> prefix + i)
                .collect(Collectors.joining(", "));
    }

    private static String binCounts(String prefix, String bin) {
        return IntStream.rangeClosed(1, Histogram.LOWER_BOUNDS.length)
                .mapToObj(i -> "count(*) FILTER (WHERE " + bin + " = " + i + ") AS " + prefix + i)
                .collect(Collectors.joining(", "));
    }

    private RollupSql() {
    }
}
