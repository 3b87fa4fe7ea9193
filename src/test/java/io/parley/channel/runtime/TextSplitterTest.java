package io.parley.channel.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.channel.spi.ChannelCapabilities.TextUnit;

/** The shared splitter never cuts a character (surrogate pair, emoji sequence, combining mark) and counts as told. */
class TextSplitterTest {

    @Test
    void aSurrogatePairAtTheLimitMovesWholeToTheNextPart() {
        // Given a text without spaces whose emoji straddles Telegram's 4096 UTF-16 units
        String text = "a".repeat(4095) + "😀" + "b".repeat(10);

        // When it is split for Telegram
        List<String> parts = TextSplitter.split(text, 4096, TextUnit.UTF16_CODE_UNITS);

        // Then no part ends or starts with half of the pair, and nothing is lost
        assertThat(parts).containsExactly("a".repeat(4095), "😀" + "b".repeat(10));
    }

    @Test
    void codePointsAreCountedForProvidersThatCountCharacters() {
        // Given 8,000 emoji (16,000 UTF-16 units), then VK's 8,000 characters take them in one message
        String text = "😀".repeat(8000);
        assertThat(TextSplitter.split(text, 8000, TextUnit.CODE_POINTS)).containsExactly(text);
        // and Telegram's 4096 units take 2048 per message
        List<String> telegram = TextSplitter.split(text, 4096, TextUnit.UTF16_CODE_UNITS);
        assertThat(telegram).hasSize(4);
        assertThat(telegram.subList(0, 3)).allSatisfy(p -> assertThat(p).isEqualTo("😀".repeat(2048)));
        assertThat(String.join("", telegram)).isEqualTo(text);
    }

    @Test
    void graphemeClustersStayWhole() {
        // Given a family emoji (joined by ZWJs), a flag and a letter with a combining accent at the limit
        String family = "👨‍👩‍👧";
        String flag = "🇷🇺";
        String accented = "е\u0301";
        for (String cluster : List.of(family, flag, accented)) {
            String text = "x".repeat(9) + cluster + "y";

            List<String> parts = TextSplitter.split(text, 10, TextUnit.UTF16_CODE_UNITS);

            assertThat(parts).containsExactly("x".repeat(9), cluster + "y");
        }
    }

    @Test
    void whitespaceInTheSecondHalfIsPreferred() {
        String text = "word ".repeat(5) + "end";

        assertThat(TextSplitter.split(text, 12, TextUnit.UTF16_CODE_UNITS))
                .containsExactly("word word", "word word", "word end");
        assertThat(TextSplitter.split("short", 12, TextUnit.CODE_POINTS)).containsExactly("short");
        assertThat(TextSplitter.split(null, 12, TextUnit.CODE_POINTS)).containsExactly("");
    }
}
