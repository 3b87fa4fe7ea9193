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
                true, "550 5.1.1 user unknown"));
    }

    @Test
    void anOpenSmtpdBounceInMultipartMixedIsRecognisedWithTheServersReason() throws Exception {
        // Given OpenSMTPD's report: multipart/mixed, Status 5.0.0, the SMTP reply only in the human-readable part
        ParsedMail bounce = MailParser.parse(fixture("bounce-opensmtpd"));

        assertThat(bounce.automatic()).isTrue();
        assertThat(bounce.bounce()).isEqualTo(new ParsedMail.Bounce("<BOUNCED-ID@shop.test>", "gone@customer.test",
                true, "550 5.1.1 <gone@customer.test>: Recipient address rejected: User unknown"));
        // and an ordinary multipart/mixed mail is no bounce
        assertThat(MailParser.parse(fixture("mixed-koi8r")).bounce()).isNull();
    }

    @Test
    void attachmentSizesAreDecodedSizes() throws Exception {
        // The receipt is 21 bytes, 28 as base64 (plus line breaks)
        assertThat(MailParser.parse(fixture("mixed-koi8r")).attachments().get(0).size()).isEqualTo(21);
    }

    @Test
    void rawUtf8HeadersAreReadAsUtf8() throws Exception {
        ParsedMail mail = MailParser.parse(fixture("raw-utf8"));

        assertThat(mail.subject()).isEqualTo("Возврат заказа 5512");
        assertThat(mail.fromName()).isEqualTo("Ольга Смирнова");
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("чек.pdf");
            assertThat(a.size()).isEqualTo(16);
        });
        assertThat(MailParser.utf8("Café")).isEqualTo("Café");
    }

    @Test
    void mailsWithoutFromAreNotOneCustomer() throws Exception {
        // Given two mails without From (and without Sender, Reply-To or Return-Path)
        String one = MailParser.parse(fixture("no-from", "1")).from();
        String two = MailParser.parse(fixture("no-from", "2")).from();

        // Then each has an address of its own, none the shared unknown@invalid
        assertThat(one).isNotEqualTo(two).endsWith("@invalid").isNotEqualTo("unknown@invalid");
        assertThat(MailParser.salvage(fixture("no-from", "1")).from()).isEqualTo(one);
        // and a Reply-To is used when there is one
        MimeMessage replyTo = fixture("no-from", "3");
        replyTo.setHeader("Reply-To", "Pavel <Pavel@customer.test>");
        assertThat(MailParser.parse(replyTo).from()).isEqualTo("pavel@customer.test");
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
    void yandexMailRuAndOutlookQuotesAreCut() {
        // Yandex
        assertThat(QuotedReplies.strip("Спасибо, жду.\n\n15.03.2026, 10:15, \"Магазин\" <support@shop.test>:\n"
                + "> Здравствуйте!")).isEqualTo("Спасибо, жду.");
        // Mail.ru
        assertThat(QuotedReplies.strip("Хорошо\n\nСреда, 11 марта 2026, 14:01 +03:00 от Магазин "
                + "<support@shop.test>:\n\nЗдравствуйте! Ваш заказ")).isEqualTo("Хорошо");
        // Outlook in Russian, with its line of underscores
        assertThat(QuotedReplies.strip("Да, подходит.\n\n________________________________\nОт: Магазин "
                + "<support@shop.test>\nОтправлено: 15 марта 2026 г. 10:15\nКому: olga@customer.test\n"
                + "Тема: Заказ 5512\n\nЗдравствуйте!")).isEqualTo("Да, подходит.");
        // and Outlook in English without the line
        assertThat(QuotedReplies.strip("Fine\n\nFrom: Shop <support@shop.test>\nSent: Sunday, March 15, 2026 10:15 AM"
                + "\nTo: olga@customer.test\nSubject: Order")).isEqualTo("Fine");
        // a line that merely starts with "От:" stays
        assertThat(QuotedReplies.strip("От: Ольги\nпривет")).isEqualTo("От: Ольги\nпривет");
    }

    @Test
    void subjectsLoseEveryReplyAndForwardPrefix() {
        assertThat(Replies.normalize("Re: RE: Fwd: AW: WG: SV: Отв: Пересл: Re[2]: Заказ 5512")).isEqualTo("Заказ 5512");
        assertThat(Replies.normalize("Reply needed")).isEqualTo("Reply needed");
    }

    /** A fixture whose {@code {n}} placeholders are replaced by {@code n}. */
    static MimeMessage fixture(String name, String n) throws Exception {
        try (InputStream in = MailParserTest.class.getResourceAsStream("/fixtures/email/" + name + ".eml")) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).replace("{n}", n);
            return new MimeMessage(Session.getInstance(new Properties()), new java.io.ByteArrayInputStream(
                    text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
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
