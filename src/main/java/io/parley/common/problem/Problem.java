package io.parley.common.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}). Every error Parley returns has this shape.
 *
 * @param type a URI naming the kind of problem ({@code about:blank} when the status says it all)
 * @param title a short, stable summary of the kind of problem
 * @param status the HTTP status code
 * @param detail a human-readable explanation of this occurrence; never contains stack traces or class names
 * @param errors the fields that were rejected, for validation problems
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    /** The media type of every error body. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One rejected input field.
     *
     * @param field the JSON path of the field, for example {@code targets[0].queue}
     * @param message why it was rejected
     */
    public record FieldError(String field, String message) {
    }

    /** The same problem with another status (e.g. a field error that is an authentication failure). */
    public Problem withStatus(int newStatus) {
        return new Problem(type, title, newStatus, detail, errors);
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, List.of());
    }

    public static Problem invalid(List<FieldError> errors) {
        String fields = String.join(", ", errors.stream().map(FieldError::field).distinct().toList());
        return new Problem("https://parley.dev/problems/validation", "Invalid request", 400,
                "Invalid value for: " + fields, errors);
    }
}
