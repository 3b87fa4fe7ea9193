package io.parley.classification;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Benchmark harness (not a test; run by {@code bench/classify-bench.sh}): the in-memory classification of one message
 * (rules + topic model + language) with the shipped rules and seed model, over realistic Russian, English, mixed,
 * spam and very short messages. Prints p50/p90/p99/max per message after a warm-up.
 */
public final class ClassificationBench {

    static final List<String> MESSAGES = List.of(
            "Здравствуйте! Заказ пришёл, а ваза внутри разбита, срочно",
            "Где мой заказ? Жду уже две недели, трек-номер не отслеживается",
            "Хочу оформить возврат денег за отменённый заказ №4455667",
            "Мой аккаунт заблокировали, не могу войти в личный кабинет",
            "Предлагаем дизельное топливо оптом со склада, звоните",
            "Взаимовыгодное сотрудничество: бартер рекламы на ваш товар",
            "Hi, my parcel arrived damaged and the screen is cracked",
            "Where is my order? Tracking shows nothing since Monday",
            "I want a refund, the item never arrived",
            "My account is locked after the password reset",
            "Mass mailing to 100000 addresses, cheap and fast",
            "Привет, мой order 12345 не пришёл, что делать?",
            "ok", "2", "Спасибо!", "thanks", "???",
            "Добрый день. Подскажите, пожалуйста, можно ли изменить адрес доставки, если заказ уже передан курьеру? "
                    + "Я переехал и не успел обновить данные в профиле, а курьер должен приехать завтра утром.");

    private ClassificationBench() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        long heapBefore = usedHeap();
        List<String> codes = List.of(System.getProperty("languages", "en,ru,uk,de,fr,es").split(","));
        boolean low = Boolean.getBoolean("lowAccuracy");
        LanguageGuesser languages = new LanguageGuesser(codes, 0.05, low);
        System.out.printf("language models %s%s on the heap: %d MiB%n", codes, low ? " (low accuracy)" : "",
                (usedHeap() - heapBefore) >> 20);
        Classifier classifier = new Classifier(languages, 0.6, 0.9);
        classifier.use(CompiledRules.compile(1, new ObjectMapper()
                .readValue(Path.of("config/classification-rules.json").toFile(), RuleSet.class)));
        CompiledRules rules = classifier.rules();
        List<String> sender = List.of("bench-user");
        measure("rules only (stemming + matching)", rounds,
                text -> rules.match(TextAnalysis.stems(text), text.toLowerCase(Locale.ROOT), sender));
        measure("language only (Lingua)", rounds, text -> languages.guess(text, "ru"));
        List<TopicModel.Example> seeds = Seeds.read(Path.of("config/classification-seed.tsv"));
        List<TopicModel.Example> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            seeds.forEach(e -> many.add(new TopicModel.Example(e.category(), e.text() + " " + many.size())));
        }
        long trainStart = System.nanoTime();
        TopicModel.train(many);
        System.out.printf("training on %d labelled texts: %d ms%n", many.size(),
                (System.nanoTime() - trainStart) / 1_000_000);
        TopicModel model = TopicModel.train(seeds);
        measure("topic model only (stemming + OpenNLP)", rounds, text -> model.predict(TextAnalysis.stems(text)));
        classifier.use(1, model);
        measure("classify (rules + model + language)", rounds, text -> classifier.classify(text, sender, "ru"));
    }

    private static long usedHeap() {
        System.gc();
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    private static void measure(String what, int rounds, Function<String, Object> step) {
        for (int i = 0; i < rounds / 2; i++) {
            step.apply(MESSAGES.get(i % MESSAGES.size()));
        }
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            step.apply(MESSAGES.get(i % MESSAGES.size()));
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("%s: %d messages, p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms%n", what, rounds,
                nanos[rounds / 2] / 1e6, nanos[rounds * 9 / 10] / 1e6, nanos[rounds * 99 / 100] / 1e6,
                nanos[rounds - 1] / 1e6);
    }
}
