package io.parley.webhooks;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Creates ({@code POST}) or replaces ({@code PUT}) a subscription.
 *
 * @param url where deliveries are POSTed: an absolute {@code http} or {@code https} URL
 * @param types CloudEvents types, {@code *} matching any run of characters ({@code io.parley.session.*})
 * @param filter optional routing expression over the event ({@code type}, {@code subject}, {@code source},
 *        {@code data.*}); the event is delivered only when it is true
 * @param secret {@code whsec_} + base64 of 24 to 64 random bytes: required on creation, refused on replacement
 *        (rotate with {@code POST .../secrets}); encrypted at rest and never returned
 * @param enabled false pauses deliveries; true (re-)enables and clears the failure streak; default true
 */
public record SubscriptionRequest(@NotBlank @Size(max = 2000) String url,
        @NotEmpty @Size(max = 50) List<@NotNull String> types, @Size(max = 4000) String filter,
        @Size(max = 500) String description, String secret, Boolean enabled) {
}
