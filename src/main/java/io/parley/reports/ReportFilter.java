package io.parley.reports;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import io.parley.common.problem.ProblemException;

/**
 * What a report covers: the time range {@code [from, to)} (whole hours, read in {@code zone}), the grouping in time,
 * and optional filters; {@code operator} is also what an operator's own report is narrowed to.
 */
record ReportFilter(Instant from, Instant to, ZoneId zone, Grouping group, String queue, String channel,
        String category, String operator, String team) {

    private static final int MAX_TEXT = 200;
    private static final int MAX_HOURLY_DAYS = 31;

    /** Parses and checks the query parameters; a bad one is a 400 naming it. Without a range: the last 7 days. */
    static ReportFilter parse(String from, String to, String tz, String group, String queue, String channel,
            String category, String operator, String team, Instant now, int maxDays) {
        ZoneId zone = zone(tz);
        Instant end = to == null ? LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone).toInstant()
                : instant("to", to, zone);
        Instant start = from == null ? end.minus(Duration.ofDays(7)) : instant("from", from, zone);
        if (!start.isBefore(end)) {
            throw ProblemException.invalidField("to", "must be after from");
        }
        if (Duration.between(start, end).toDays() > maxDays) {
            throw ProblemException.invalidField("from", "the range may cover at most " + maxDays + " days");
        }
        Grouping grouping = grouping(group);
        if (grouping == Grouping.HOUR && Duration.between(start, end).toDays() > MAX_HOURLY_DAYS) {
            throw ProblemException.invalidField("group", "hourly rows cover at most " + MAX_HOURLY_DAYS + " days");
        }
        return new ReportFilter(start.truncatedTo(ChronoUnit.HOURS), end.truncatedTo(ChronoUnit.HOURS), zone,
                grouping, text("queue", queue), text("channel", channel), text("category", category),
                text("operator", operator), text("team", team));
    }

    /** The same report narrowed to one operator. */
    ReportFilter forOperator(String subject) {
        return new ReportFilter(from, to, zone, group, queue, channel, category, subject, team);
    }

    private static ZoneId zone(String tz) {
        if (tz == null || tz.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw ProblemException.invalidField("tz", "not a time zone (e.g. Europe/Moscow)");
        }
    }

    private static Instant instant(String field, String value, ZoneId zone) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
            if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw ProblemException.invalidField(field, "a date (2026-12-01) or date-time (2026-12-01T08:00)");
        }
    }

    private static Grouping grouping(String group) {
        if (group == null || group.isBlank()) {
            return Grouping.DAY;
        }
        try {
            return Grouping.valueOf(group.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("group", "one of hour, day, week");
        }
    }

    private static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw ProblemException.invalidField(field, "at most " + MAX_TEXT + " characters");
        }
        return value;
    }
}
