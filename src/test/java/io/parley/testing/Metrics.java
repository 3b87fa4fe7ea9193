package io.parley.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Reads Parley's series from {@code /q/metrics}. */
public final class Metrics {

    private Metrics() {
    }

    /** The whole scrape. */
    public static String scrape() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the one sample of {@code name} with these labels (name, value, …); 0 when there is none yet. */
    public static double value(String name, String... labels) {
        List<String> lines = scrape().lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> {
                    for (int i = 0; i < labels.length; i += 2) {
                        if (!l.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                            return false;
                        }
                    }
                    return true;
                }).toList();
        assertThat(lines).as("samples of %s %s", name, List.of(labels)).hasSizeLessThanOrEqualTo(1);
        return lines.isEmpty() ? 0 : Double.parseDouble(lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1));
    }
}
