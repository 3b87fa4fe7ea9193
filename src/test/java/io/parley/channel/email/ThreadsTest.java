package io.parley.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.channel.spi.Threading;

/** What a mail names for threading: the ids in the order they are tried, and the normalised subject. */
class ThreadsTest {

    @Test
    void inReplyToComesFirstThenReferencesNewestFirstWithoutRepeatsOrTheMailItself() {
        ParsedMail mail = mail("<self@c.test>", "Re: Заказ", "<parent@shop.test>",
                "<root@c.test>\r\n <middle@shop.test> <parent@shop.test> <self@c.test>");

        Threading threading = Threads.of(mail);

        assertThat(threading.references()).containsExactly("<parent@shop.test>", "<middle@shop.test>",
                "<root@c.test>");
    }

    @Test
    void theTopicIsTheSubjectWithoutReplyAndForwardPrefixesInLowerCase() {
        assertThat(Threads.topic("RE: AW: Fwd:  Order   42")).isEqualTo("order 42");
        assertThat(Threads.topic("Re[2]: SV: WG: Order 42")).isEqualTo("order 42");
        assertThat(Threads.topic("Отв: Пересл: Заказ 5512")).isEqualTo("заказ 5512");
        assertThat(Threads.topic("Re: ")).isNull();
        assertThat(Threads.topic(null)).isNull();
        assertThat(Threads.of(mail("<a@b>", null, null, null))).isEqualTo(Threading.NONE);
    }

    private static ParsedMail mail(String id, String subject, String inReplyTo, String references) {
        return new ParsedMail(id, "olga@c.test", null, subject, inReplyTo, references, null, "text", null, List.of(),
                false, null);
    }
}
