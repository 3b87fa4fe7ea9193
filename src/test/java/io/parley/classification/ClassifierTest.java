package io.parley.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.common.problem.ProblemException;

/** Rules across word forms, spam, language on short and mixed texts, and the topic model, with the shipped config. */
class ClassifierTest {

    static Classifier classifier;

    @BeforeAll
    static void shippedConfiguration() throws IOException {
        RuleSet rules = new ObjectMapper().readValue(Path.of("config/classification-rules.json").toFile(),
                RuleSet.class);
        classifier = new Classifier(new LanguageGuesser(List.of("en", "ru", "uk", "de", "fr", "es"), 0.05, false), 0.6,
                0.9);
        classifier.use(CompiledRules.compile(1, rules));
    }

    static MessageVerdict rulesOnly(String text) {
        return classifier.classify(text, List.of("user-1"), null);
    }

    @Test
    void russianWordFormsMatchOneKeyword() {
        // Given the keyword "повреждение" / "разбитый", When customers use other forms, Then damage is found
        assertThat(rulesOnly("Здравствуйте, посылку доставили с повреждениями").category()).isEqualTo("damage");
        assertThat(rulesOnly("Телевизор пришёл разбитым!").category()).isEqualTo("damage");
        assertThat(rulesOnly("экран разбит, коробка помята").category()).isEqualTo("damage");
        assertThat(rulesOnly("Оформите возврата денег пожалуйста").category()).isEqualTo("refund");
        assertThat(rulesOnly("Мой аккаунт заблокирован, не могу войти").category()).isEqualTo("account");
        assertThat(rulesOnly("Где мой заказ??").category()).isEqualTo("delivery");
    }

    @Test
    void englishWordFormsAndPatterns() {
        assertThat(rulesOnly("The vase arrived broken").category()).isEqualTo("damage");
        assertThat(rulesOnly("I'd like to get refunded").category()).isEqualTo("refund");
        assertThat(rulesOnly("where is my order 1234567").category()).isEqualTo("delivery");
        assertThat(rulesOnly("Account locked after password reset").category()).isEqualTo("account");
        assertThat(rulesOnly("заказ №4455667 не пришёл").category()).isEqualTo("delivery");
    }

    @Test
    void mixedLanguageMessagesMatchRulesOfBothLanguages() {
        assertThat(rulesOnly("Привет, мой order 12345 не пришёл").category()).isEqualTo("delivery");
        assertThat(rulesOnly("Здравствуйте, my parcel arrived broken, помогите").category()).isEqualTo("damage");
        assertThat(rulesOnly("Hello, хочу refund за заказ").category()).isEqualTo("refund");
    }

    @Test
    void moreMatchesMeanMoreConfidence() {
        assertThat(rulesOnly("broken").confidence()).isEqualTo(0.6);
        assertThat(rulesOnly("broken and cracked, damaged").confidence()).isGreaterThan(0.8);
        assertThat(rulesOnly("hello").category()).isNull();
    }

    @Test
    void spamByTriggerWordFormsAndByBlockedSender() {
        assertThat(rulesOnly("Предлагаем дизельное топливо со склада").spamReason())
                .isEqualTo("trigger 'дизельное топливо'");
        assertThat(rulesOnly("Продаем дизельного топлива 10 тонн").spam()).isTrue();
        assertThat(rulesOnly("Предлагаю бартер").spam()).isTrue();
        assertThat(rulesOnly("Mass mailing services for your shop").spam()).isTrue();
        assertThat(rulesOnly("My parcel arrived damaged").spam()).isFalse();
        CompiledRules blocked = CompiledRules.compile(2, new RuleSet(null,
                new RuleSet.SpamRules(null, null, List.of("+79990001122"), Map.of()), null, null));
        assertThat(blocked.match(List.of(), "", List.of("id-5", "+79990001122")).spamReason())
                .isEqualTo("blocked sender");
    }

    @Test
    void urgentWordsAreAHint() {
        assertThat(rulesOnly("Срочно! Посылка разбита").urgent()).isTrue();
        assertThat(rulesOnly("please help asap").urgent()).isTrue();
        assertThat(rulesOnly("please help").urgent()).isFalse();
    }

    @Test
    void languageOfShortAndMixedTexts() {
        assertThat(rulesOnly("Где мой заказ?").language()).isEqualTo("ru");
        assertThat(rulesOnly("Where is my order?").language()).isEqualTo("en");
        assertThat(rulesOnly("Привет, мой order 12345 не пришёл").language()).isEqualTo("ru");
        assertThat(rulesOnly("Дякую, де моє замовлення?").language()).isEqualTo("uk");
        // too short to tell: the known language
        assertThat(classifier.classify("ok", List.of(), "ru").language()).isEqualTo("ru");
        assertThat(classifier.classify("2", List.of(), "en").language()).isEqualTo("en");
    }

    @Test
    void badRulesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> CompiledRules.compile(1, new RuleSet(List.of(new RuleSet.CategoryRule("x",
                List.of("ok"), List.of("(unclosed"))), null, null, null)))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().toString())
                        .contains("categories[0].patterns[0]"));
        assertThatThrownBy(() -> CompiledRules.compile(1, new RuleSet(List.of(new RuleSet.CategoryRule("x",
                List.of("ok"), null), new RuleSet.CategoryRule("x", List.of("fine"), null)), null, null, null)))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void topicModelLearnsFromSeedsAndPredictsUnseenTexts() {
        TopicModel model = TopicModel.train(Seeds.read(Path.of("config/classification-seed.tsv")));
        Classifier withModel = new Classifier(new LanguageGuesser(List.of("en", "ru"), 0.05, false), 0.3, 0.9);
        withModel.use(1, model);
        // no rule would match these: the model decides
        assertThat(withModel.classify("посылка пришла вся помятая и треснутая", List.of(), null).category())
                .isEqualTo("damage");
        assertThat(withModel.classify("when does my parcel arrive", List.of(), null).category())
                .isEqualTo("delivery");
        assertThat(withModel.classify("верните мои деньги", List.of(), null).source()).isEqualTo("model");
        assertThat(TopicModel.read(model.bytes()).predict(TextAnalysis.stems("forgot my password")).category())
                .isEqualTo("account");
    }
}
