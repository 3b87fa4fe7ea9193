package io.parley.routing.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.parley.common.problem.ProblemException;

class BusinessHoursTest {

    private static final List<BusinessHours.Interval> NINE_TO_SIX = List.of(new BusinessHours.Interval("09:00",
            "13:00"), new BusinessHours.Interval("14:00", "18:00"));

    /** Moscow (UTC+3), weekdays 09–13 and 14–18, Saturday 10–16, closed on 2027-01-01. */
    private static final BusinessHours MOSCOW = new BusinessHours("Europe/Moscow",
            Map.of("MONDAY", NINE_TO_SIX, "TUESDAY", NINE_TO_SIX, "WEDNESDAY", NINE_TO_SIX, "THURSDAY", NINE_TO_SIX,
                    "FRIDAY", NINE_TO_SIX, "SATURDAY", List.of(new BusinessHours.Interval("10:00", "16:00"))),
            List.of("2027-01-01"));

    @Test
    void openIsDecidedInTheQueuesTimeZone() {
        // Monday 2026-11-23 09:30 Moscow = 06:30 UTC
        assertThat(MOSCOW.isOpen(Instant.parse("2026-11-23T06:30:00Z"))).isTrue();
        // 08:59 Moscow is still closed, although it is 05:59 UTC
        assertThat(MOSCOW.isOpen(Instant.parse("2026-11-23T05:59:00Z"))).isFalse();
        // lunch break 13:00–14:00: the end of an interval is exclusive
        assertThat(MOSCOW.isOpen(Instant.parse("2026-11-23T10:00:00Z"))).isFalse();
        assertThat(MOSCOW.isOpen(Instant.parse("2026-11-23T11:00:00Z"))).isTrue();
        // Sunday closed, Saturday open until 16:00
        assertThat(MOSCOW.isOpen(Instant.parse("2026-11-22T10:00:00Z"))).isFalse();
        assertThat(MOSCOW.isOpen(Instant.parse("2026-11-21T12:59:00Z"))).isTrue();
        assertThat(MOSCOW.isOpen(Instant.parse("2026-11-21T13:00:00Z"))).isFalse();
    }

    @Test
    void holidaysAreClosedAndSkippedWhenLookingForTheNextOpening() {
        // Friday 2027-01-01 12:00 Moscow is a holiday; next opening is Saturday 10:00 Moscow = 07:00 UTC
        Instant holidayNoon = Instant.parse("2027-01-01T09:00:00Z");
        assertThat(MOSCOW.isOpen(holidayNoon)).isFalse();
        assertThat(MOSCOW.nextOpening(holidayNoon)).contains(Instant.parse("2027-01-02T07:00:00Z"));
        // Sunday evening: next opening Monday 09:00 Moscow = 06:00 UTC
        assertThat(MOSCOW.nextOpening(Instant.parse("2026-11-22T17:00:00Z")))
                .contains(Instant.parse("2026-11-23T06:00:00Z"));
        // during the lunch break: 14:00 the same day
        assertThat(MOSCOW.nextOpening(Instant.parse("2026-11-23T10:30:00Z")))
                .contains(Instant.parse("2026-11-23T11:00:00Z"));
    }

    @Test
    void slaClocksRunOnlyDuringOpenTime() {
        // Friday 2026-11-27 17:50 Moscow + 30 open minutes: 10 min on Friday, 20 min from Saturday 10:00
        assertThat(MOSCOW.plusOpenSeconds(Instant.parse("2026-11-27T14:50:00Z"), 30 * 60))
                .contains(Instant.parse("2026-11-28T07:20:00Z"));
        // lunch break is skipped: Monday 12:50 + 20 min = 14:10 Moscow
        assertThat(MOSCOW.plusOpenSeconds(Instant.parse("2026-11-23T09:50:00Z"), 20 * 60))
                .contains(Instant.parse("2026-11-23T11:10:00Z"));
        assertThat(new BusinessHours("UTC", Map.of(), List.of()).plusOpenSeconds(Instant.now(), 60)).isEmpty();
    }

    @Test
    void neverOpenHasNoNextOpening() {
        assertThat(new BusinessHours("UTC", Map.of(), List.of()).nextOpening(Instant.now())).isEmpty();
    }

    @Test
    void malformedHoursNameTheField() {
        assertThatThrownBy(() -> new BusinessHours("Mars/Olympus", Map.of(), List.of()).validate("businessHours"))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().errors().get(0).field()).isEqualTo("businessHours.timeZone"));
        assertThatThrownBy(() -> new BusinessHours("UTC", Map.of("MONDAY",
                List.of(new BusinessHours.Interval("18:00", "09:00"))), List.of()).validate("businessHours"))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().errors().get(0).field()).isEqualTo("businessHours.weekly.MONDAY[0]"));
        assertThatThrownBy(() -> new BusinessHours("UTC", Map.of("MONDAY",
                List.of(new BusinessHours.Interval("9am", "18:00"))), List.of()).validate("businessHours"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors().get(0).field())
                        .isEqualTo("businessHours.weekly.MONDAY[0].from"));
        assertThatThrownBy(() -> new BusinessHours("UTC", Map.of("FUNDAY", List.of()), List.of())
                .validate("businessHours")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> new BusinessHours("UTC", Map.of(), List.of("01.01.2027")).validate("businessHours"))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().errors().get(0).field()).isEqualTo("businessHours.holidays[0]"));
    }
}
