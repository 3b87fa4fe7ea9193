package io.parley.operator;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A requested status change.
 *
 * @param reason an optional reason code, e.g. {@code lunch}, {@code training}
 */
public record StatusChange(@NotNull OperatorStatus status, @Size(max = 100) String reason) {
}
