package io.parley.channel.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.channel.spi.Button;

class ButtonTextTest {

    @Test
    void buttonsBecomeNumberedLinesAfterTheText() {
        String text = ButtonText.append("What happened?",
                List.of(new Button("Damaged delivery", "damage"), new Button("Refund", "refund")));

        assertThat(text).isEqualTo("What happened?\n1. Damaged delivery\n2. Refund");
    }

    @Test
    void noButtonsLeaveTheTextAlone() {
        assertThat(ButtonText.append("Hello", List.of())).isEqualTo("Hello");
    }
}
