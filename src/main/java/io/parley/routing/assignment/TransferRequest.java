package io.parley.routing.assignment;

import jakarta.validation.constraints.Size;

/** Where to transfer a conversation: exactly one of {@code operator} and {@code queue}, with an optional note. */
public record TransferRequest(@Size(max = 200) String operator, @Size(max = 40) String queue,
        @Size(max = 2000) String note) {
}
