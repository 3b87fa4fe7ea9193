package io.parley.classification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a session's classification follows its messages. */
class SessionVerdictTest {

    @Test
    void aSessionKeepsAnOperatorsCategoryAndASupervisorsSpamDecision() {
        SessionVerdict operator = SessionVerdict.NONE.with(new MessageVerdict("damage", 0.6, "rule", null, "ru", false))
                .withCategory("refund", "operator").withSpam(false, null);
        SessionVerdict later = operator.with(new MessageVerdict("damage", 0.95, "rule", "trigger 'бартер'", "ru", true));
        assertThat(later.category()).isEqualTo("refund");
        assertThat(later.spam()).isFalse();
        assertThat(later.urgent()).isTrue();
        SessionVerdict ruled = SessionVerdict.NONE.with(new MessageVerdict("delivery", 0.6, "rule", null, "en", false))
                .with(new MessageVerdict("damage", 0.75, "rule", null, null, false));
        assertThat(ruled.category()).isEqualTo("damage");
        assertThat(ruled.language()).isEqualTo("en");
    }
}
