package io.parley.reports;

import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** Runs a report for request parameters and renders it as JSON (with its range) or CSV (its rows). */
@ApplicationScoped
class Reports {

    static final String CSV = "text/csv";

    /** A report with the range it covers ({@code to} exclusive) and how it is grouped. */
    record Result<R>(OffsetDateTime from, OffsetDateTime to, String timeZone, String group,
            @JsonUnwrapped R report) {
    }

    private final QueueReport queues;
    private final OperatorReport operators;
    private final TopicReport topics;
    private final ChannelReport channels;
    private final ReportsConfig config;
    private final InstantSource clock;
    private final ObjectMapper json;

    Reports(QueueReport queues, OperatorReport operators, TopicReport topics, ChannelReport channels,
            ReportsConfig config, InstantSource clock, ObjectMapper json) {
        this.queues = queues;
        this.operators = operators;
        this.topics = topics;
        this.channels = channels;
        this.config = config;
        this.clock = clock;
        this.json = json;
    }

    Function<ReportFilter, Uni<QueueReport.Report>> queues() {
        return queues::report;
    }

    Function<ReportFilter, Uni<OperatorReport.Report>> operators() {
        return operators::report;
    }

    Function<ReportFilter, Uni<TopicReport.Report>> topics() {
        return topics::report;
    }

    Function<ReportFilter, Uni<ChannelReport.Report>> channels() {
        return channels::report;
    }

    <R> Uni<Response> render(ReportParams params, Function<ReportFilter, Uni<R>> report, Function<R, List<?>> rows) {
        boolean csv;
        ReportFilter filter;
        try {
            csv = csv(params);
            filter = ReportFilter.parse(params.from, params.to, params.tz, params.group, params.queue,
                    params.channel, params.category, params.operator, params.team, clock.instant(),
                    config.maxRangeDays());
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return report.apply(filter).map(result -> csv
                ? Response.ok(Csv.of(rows.apply(result), json), CSV + "; charset=UTF-8").build()
                : Response.ok(new Result<>(filter.from().atOffset(ZoneOffset.UTC), filter.to().atOffset(ZoneOffset.UTC),
                        filter.zone().getId(), filter.group().unit(), result), "application/json").build());
    }

    private static boolean csv(ReportParams params) {
        if (params.format != null) {
            return switch (params.format.toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ProblemException.invalidField("format", "json or csv");
            };
        }
        return params.accept != null && params.accept.contains(CSV) && !params.accept.contains("application/json");
    }
}
