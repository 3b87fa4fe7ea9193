package io.parley.canned;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void fillsKnownVariablesAndLeavesOthersAsWritten() {
        assertThat(Template.render("{customer.name}, {x} {a.b} $1 {customer.name}",
                Map.of("customer.name", "Ольга $2 \\"))).isEqualTo("Ольга $2 \\, {x} {a.b} $1 Ольга $2 \\");
    }
}
