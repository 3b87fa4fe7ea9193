package io.parley.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

/** MIME decoding, threading headers, automatic mail and bounces, quoted replies and subjects. */
class MailParserTest {

    @Test
    void windows1251ReplyIsDecodedWithItsThreadingHeaders() throws Exception {
        ParsedMail mail = MailParser.parse(fixture("reply-cp1251"));

        assertThat(mail.messageId()).isEqualTo("<cp1251-reply-1@customer.test>");
        assertThat(mail.from()).isEqualTo("olga.smirnova@customer.test");
        assertThat(mail.fromName()).isEqualTo("Ольга Смирнова");
        assertThat(mail.subject()).isEqualTo("Re: Заказ 5512");
        assertThat(mail.inReplyTo()).isEqualTo("<order-5512-shipped@shop.test>");
        assertThat(mail.references()).isEqualTo("<order-5512-created@shop.test> <order-5512-shipped@shop.test>");
        assertThat(mail.text()).startsWith("Добрый день!\nХолодильник пришёл с вмятиной").contains("> Здравствуйте!");
        assertThat(QuotedReplies.strip(mail.text()))
                .isEqualTo("Добрый день!\nХолодильник пришёл с вмятиной, что делать?");
        assertThat(mail.automatic()).isFalse();
        assertThat(mail.bounce()).isNull();
    }

    @Test
    void plainTextIsPreferredHtmlKeptAndAttachmentsNamed() throws Exception {
        ParsedMail mail = MailParser.parse(fixture("mixed-koi8r"));

        assertThat(mail.subject()).isEqualTo("Чек по заказу");
        assertThat(mail.text()).startsWith("Пересылаю чек и фото.");
        assertThat(QuotedReplies.strip(mail.text())).isEqualTo("Пересылаю чек и фото.");
        assertThat(mail.html()).contains("<b>чек</b>");
        assertThat(mail.attachments()).extracting(ParsedMail.Part::name, ParsedMail.Part::mediaType,
                ParsedMail.Part::path).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("чек-5512.pdf", "application/pdf", "1"),
                        org.assertj.core.groups.Tuple.tuple("attachment", "image/jpeg", "2"));
    }

    @Test
    void malformedMailIsReadAsWellAsItCanBe() throws Exception {
        // An unknown charset: the bytes are read as UTF-8
        ParsedMail charset = MailParser.parse(fixture("unknown-charset"));
        assertThat(charset.messageId()).isEqualTo("<bad-charset@customer.test>");
        assertThat(charset.subject()).isEqualTo("Неверная цена");
        assertThat(charset.text()).contains("Цена на полке 99, на кассе 149.");
        // Broken base64: what decodes is kept
        assertThat(MailParser.parse(fixture("invalid-base64")).text()).startsWith("Холодильник");
        // An unknown transfer encoding: the raw text
        assertThat(MailParser.parse(fixture("unknown-encoding")).text()).contains("Raw text stays readable");
    }

    @Test
    void aMailThatCannotBeParsedIsSalvagedFromItsHeaders() throws Exception {
        ParsedMail mail = MailParser.salvage(fixture("unknown-encoding"));
        assertThat(mail.messageId()).isEqualTo("<bad-cte@customer.test>");
        assertThat(mail.from()).isEqualTo("pavel@customer.test");
        assertThat(mail.subject()).isEqualTo("Unknown encoding");
        assertThat(mail.text()).contains("Raw text stays readable");
        assertThat(mail.attachments()).isEmpty();
    }

    @Test
    void htmlOnlyMailGetsText() throws Exception {
        assertThat(MailParser.parse(fixture("html-only")).text()).isEqualTo("Где мой заказ?\nСпасибо заранее");
    }

    @Test
    void autoRepliesAndBouncesAreRecognised() throws Exception {
        assertThat(MailParser.parse(fixture("autoreply")).automatic()).isTrue();
        ParsedMail bounce = MailParser.parse(fixture("bounce"));
        assertThat(bounce.automatic()).isTrue();
        assertThat(bounce.bounce()).isEqualTo(new ParsedMail.Bounce("<BOUNCED-ID@shop.test>", "gone@customer.test",
                true));
    }

    @Test
    void quotedRepliesAreCutAtAttributionsAndQuoteBlocks() {
        assertThat(QuotedReplies.strip("Спасибо!\n\n15 марта 2026 г., в 10:15, Магазин <s@shop.test>:\n> текст"))
                .isEqualTo("Спасибо!");
        assertThat(QuotedReplies.strip("Thanks\nOn Mon, 2 Mar 2026 at 10:15 Shop\n<s@shop.test> wrote:\n> old"))
                .isEqualTo("Thanks");
        assertThat(QuotedReplies.strip("Ок\n-----Original Message-----\nFrom: shop")).isEqualTo("Ок");
        assertThat(QuotedReplies.strip("Ок\n\n-----Исходное сообщение-----\nОт: магазин")).isEqualTo("Ок");
        assertThat(QuotedReplies.strip("Answer\n\n> quoted\n>\n> more\n")).isEqualTo("Answer");
        assertThat(QuotedReplies.strip("> only a quote")).isEqualTo("> only a quote");
        assertThat(QuotedReplies.strip("Line with > inside\nstays")).isEqualTo("Line with > inside\nstays");
    }

    @Test
    void subjectsLoseEveryReplyAndForwardPrefix() {
        assertThat(Replies.normalize("Re: RE: Fwd: AW: WG: SV: Отв: Пересл: Re[2]: Заказ 5512")).isEqualTo("Заказ 5512");
        assertThat(Replies.normalize("Reply needed")).isEqualTo("Reply needed");
    }

    static MimeMessage fixture(String name) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.mime.decodefilename", "true");
        properties.put("mail.mime.decodeparameters", "true");
        try (InputStream in = MailParserTest.class.getResourceAsStream("/fixtures/email/" + name + ".eml")) {
            return new MimeMessage(Session.getInstance(properties), in);
        }
    }
}
