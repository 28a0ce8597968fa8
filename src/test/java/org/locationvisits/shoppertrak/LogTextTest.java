package org.locationvisits.shoppertrak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {
    @Test
    void escapesLineBreaksAndControlCharacters() {
        assertThat(LogText.escape("bad\r\nERROR forged line\tx\u0007\u2028"))
                .isEqualTo("bad\\r\\nERROR forged line\\tx\\u0007\\u2028");
    }

    @Test
    void leavesOrdinaryTextAndNullAlone() {
        assertThat(LogText.escape("macomb's bridge & café")).isEqualTo("macomb's bridge & café");
        assertThat(LogText.escape(null)).isNull();
    }
}
