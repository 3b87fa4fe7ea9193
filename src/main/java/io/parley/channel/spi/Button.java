package io.parley.channel.spi;

import java.util.Objects;

/**
 * A choice offered with a message (menu bot). Channels with {@link ChannelCapabilities#buttons()} show it as a button
 * (Telegram inline keyboard, VK keyboard); when the customer presses it, the adapter reports an inbound message whose
 * text is {@code payload}. Channels without buttons never receive buttons: the runtime writes them as numbered text.
 *
 * @param label what the customer sees
 * @param payload what comes back when it is pressed (at most 64 bytes, Telegram's callback-data limit)
 */
public record Button(String label, String payload) {

    public Button {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(payload, "payload");
    }
}
