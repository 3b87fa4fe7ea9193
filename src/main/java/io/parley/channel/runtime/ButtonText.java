package io.parley.channel.runtime;

import java.util.List;

import io.parley.channel.spi.Button;

/** Buttons written as numbered text lines, for channels that cannot show buttons. */
final class ButtonText {

    private ButtonText() {
    }

    static String append(String text, List<Button> buttons) {
        if (buttons.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text);
        for (int i = 0; i < buttons.size(); i++) {
            out.append(out.isEmpty() ? "" : "\n").append(i + 1).append(". ").append(buttons.get(i).label());
        }
        return out.toString();
    }
}
