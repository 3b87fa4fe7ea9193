package io.parley.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Rows become CSV with dotted columns for nested measures, quoting, and no formula a spreadsheet would run. */
class CsvTest {

    record Row(String name, Map<String, Double> seconds) {
    }

    @Test
    void flattensQuotesAndDefusesFormulas() {
        String csv = Csv.of(List.of(new Row("a,b", Map.of("AVAILABLE", 1.5)), new Row("=cmd()", Map.of("BREAK", 2.0))),
                new ObjectMapper());
        assertThat(csv.split("\r\n")).containsExactly("name,seconds.AVAILABLE,seconds.BREAK", "\"a,b\",1.5,",
                "'=cmd(),,2.0");
    }
}
