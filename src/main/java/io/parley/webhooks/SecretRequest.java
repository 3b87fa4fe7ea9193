package io.parley.webhooks;

import jakarta.validation.constraints.NotBlank;

/** A new signing secret ({@code whsec_} + base64); the current one keeps signing beside it for a while. */
public record SecretRequest(@NotBlank String secret) {
}
