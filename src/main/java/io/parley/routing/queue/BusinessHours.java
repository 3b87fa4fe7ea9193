package io.parley.routing.queue;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.parley.common.problem.ProblemException;

/**
 * When a queue is staffed, in its own time zone: opening intervals per weekday and closed holidays. An interval is
 * {@code from} inclusive to {@code to} exclusive within one day (a night shift is two intervals on two days).
 *
 * @param timeZone an IANA zone such as {@code Europe/Moscow}
 * @param weekly intervals by day name ({@code MONDAY} … {@code SUNDAY}); a missing day is closed
 * @param holidays closed dates, {@code yyyy-MM-dd}
 */
public record BusinessHours(String timeZone, Map<String, List<Interval>> weekly, List<String> holidays) {

    /** {@code HH:mm} to {@code HH:mm}. */
    public record Interval(String from, String to) {
    }

    public BusinessHours {
        weekly = weekly == null ? Map.of() : Map.copyOf(weekly);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
    }

    /** Rejects anything malformed, naming the field under {@code prefix}. */
    void validate(String prefix) {
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException | NullPointerException e) {
            throw ProblemException.invalidField(prefix + ".timeZone", "is not a known time zone, e.g. Europe/Moscow");
        }
        weekly.forEach((day, intervals) -> {
            try {
                DayOfWeek.valueOf(day);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField(prefix + ".weekly." + day, "must be MONDAY … SUNDAY");
            }
            for (int i = 0; i < intervals.size(); i++) {
                String field = prefix + ".weekly." + day + "[" + i + "]";
                LocalTime from = time(intervals.get(i).from(), field + ".from");
                LocalTime to = time(intervals.get(i).to(), field + ".to");
                if (!from.isBefore(to) && !"24:00".equals(intervals.get(i).to())) {
                    throw ProblemException.invalidField(field, "from must be before to");
                }
            }
        });
        for (int i = 0; i < holidays.size(); i++) {
            try {
                LocalDate.parse(holidays.get(i));
            } catch (DateTimeParseException e) {
                throw ProblemException.invalidField(prefix + ".holidays[" + i + "]", "must be a date yyyy-MM-dd");
            }
        }
    }

    /** Whether the queue is open at {@code instant}. */
    public boolean isOpen(Instant instant) {
        ZonedDateTime local = instant.atZone(ZoneId.of(timeZone));
        if (holidays.contains(local.toLocalDate().toString())) {
            return false;
        }
        LocalTime now = local.toLocalTime();
        return weekly.getOrDefault(local.getDayOfWeek().name(), List.of()).stream()
                .anyMatch(interval -> !now.isBefore(LocalTime.parse(interval.from()))
                        && ("24:00".equals(interval.to()) || now.isBefore(LocalTime.parse(interval.to()))));
    }

    /** The next moment the queue opens after {@code instant} (within two weeks), or empty when it never does. */
    public Optional<Instant> nextOpening(Instant instant) {
        ZoneId zone = ZoneId.of(timeZone);
        ZonedDateTime local = instant.atZone(zone);
        for (int day = 0; day < 15; day++) {
            LocalDate date = local.toLocalDate().plusDays(day);
            if (holidays.contains(date.toString())) {
                continue;
            }
            Optional<Instant> opening = weekly.getOrDefault(date.getDayOfWeek().name(), List.of()).stream()
                    .map(interval -> date.atTime(LocalTime.parse(interval.from())).atZone(zone).toInstant())
                    .filter(start -> start.isAfter(instant))
                    .min(Instant::compareTo);
            if (opening.isPresent()) {
                return opening;
            }
        }
        return Optional.empty();
    }

    /**
     * The instant {@code seconds} of open time after {@code start}: SLA clocks run only while the queue is open. Gives
     * up (returns empty) when the hours have less open time than that within a year.
     */
    public Optional<Instant> plusOpenSeconds(Instant start, long seconds) {
        ZoneId zone = ZoneId.of(timeZone);
        long remaining = seconds;
        LocalDate date = start.atZone(zone).toLocalDate();
        for (int day = 0; day < 366; day++, date = date.plusDays(1)) {
            if (holidays.contains(date.toString())) {
                continue;
            }
            for (Interval interval : weekly.getOrDefault(date.getDayOfWeek().name(), List.of()).stream()
                    .sorted((a, b) -> a.from().compareTo(b.from())).toList()) {
                Instant from = date.atTime(LocalTime.parse(interval.from())).atZone(zone).toInstant();
                Instant to = "24:00".equals(interval.to()) ? date.plusDays(1).atStartOfDay(zone).toInstant()
                        : date.atTime(LocalTime.parse(interval.to())).atZone(zone).toInstant();
                Instant begin = from.isBefore(start) ? start : from;
                if (!begin.isBefore(to)) {
                    continue;
                }
                long available = to.getEpochSecond() - begin.getEpochSecond();
                if (available >= remaining) {
                    return Optional.of(begin.plusSeconds(remaining));
                }
                remaining -= available;
            }
        }
        return Optional.empty();
    }

    private static LocalTime time(String value, String field) {
        if ("24:00".equals(value)) {
            return LocalTime.MAX;
        }
        try {
            if (value == null || !value.matches("\\d{2}:\\d{2}")) {
                throw new DateTimeParseException("format", String.valueOf(value), 0);
            }
            return LocalTime.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be a time HH:mm");
        }
    }
}
