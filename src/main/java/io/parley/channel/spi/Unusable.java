package io.parley.channel.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a provider's updates one at a time, so that one update an adapter cannot read (a field of the wrong type, a
 * missing id, a value out of range) is dropped with a reason instead of failing its whole delivery or batch. A
 * provider retries a failed delivery for hours and holds the chat meanwhile; a poller whose batch fails never moves
 * its cursor. The reason names the kind of failure only, never the update's content.
 *
 * @param <T> what one update gives
 */
public record Unusable<T>(List<T> read, List<String> reasons) {

    public Unusable {
        read = List.copyOf(read);
        reasons = List.copyOf(reasons);
    }

    /** Applies {@code reader} to each update; an update whose reading throws is dropped with its reason. */
    public static <U, T> Unusable<T> readEach(Iterable<U> updates, Function<U, T> reader) {
        List<T> read = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (U update : updates) {
            try {
                T value = reader.apply(update);
                if (value != null) {
                    read.add(value);
                }
            } catch (RuntimeException e) {
                reasons.add(reason(e));
            }
        }
        return new Unusable<>(read, reasons);
    }

    /** The reason recorded for a failure: the exception's kind (its message may quote the update). */
    public static String reason(Throwable failure) {
        return failure instanceof MissingField missing ? "missing " + missing.field()
                : failure.getClass().getSimpleName();
    }

    /** Thrown by a reader when an update lacks a field it cannot do without (an id). */
    public static final class MissingField extends RuntimeException {

        private final String field;

        public MissingField(String field) {
            super(field + " is missing", null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
