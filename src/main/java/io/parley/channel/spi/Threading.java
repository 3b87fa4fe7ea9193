package io.parley.channel.spi;

import java.util.List;

/**
 * How a customer's message names earlier messages, so that it joins their conversation. The conversation core resolves
 * it against the provider ids Parley stored for both directions on the same channel instance.
 *
 * @param references provider ids of earlier messages (customers' or Parley's), most specific first; email: In-Reply-To,
 *        then References newest first
 * @param topic a normalised topic matched against the same customer's recent messages on the channel when no reference
 *        is known (email: the subject without Re:/Fwd:/AW:… prefixes, lower case); null for none
 */
public record Threading(List<String> references, String topic) {

    /** A message that names nothing. */
    public static final Threading NONE = new Threading(List.of(), null);

    public Threading {
        references = references == null ? List.of() : List.copyOf(references);
        topic = topic == null || topic.isBlank() ? null : topic;
    }

    /** Whether there is anything to resolve. */
    public boolean namesNothing() {
        return references.isEmpty() && topic == null;
    }
}
