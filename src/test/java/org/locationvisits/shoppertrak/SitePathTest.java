package org.locationvisits.shoppertrak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected values are Python 3's {@code urllib.parse.quote(id)} output, as today's poller sends them. */
class SitePathTest {
    @Test
    void quotesAsPythonDoes() {
        assertThat(SitePath.quote("macomb's bridge & co.")).isEqualTo("macomb%27s%20bridge%20%26%20co.");
        assertThat(SitePath.quote("a+b;c,d=e(f)")).isEqualTo("a%2Bb%3Bc%2Cd%3De%28f%29");
        assertThat(SitePath.quote("a/b~c_d-e.f")).isEqualTo("a/b~c_d-e.f");
        assertThat(SitePath.quote("100% \"x\" ?#[]@!$*:")).isEqualTo("100%25%20%22x%22%20%3F%23%5B%5D%40%21%24%2A%3A");
        assertThat(SitePath.quote("caf\u00e9")).isEqualTo("caf%C3%A9");
    }
}
