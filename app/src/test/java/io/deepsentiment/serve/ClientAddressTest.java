package io.deepsentiment.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressTest {

    @ParameterizedTest(name = "{0} hops, X-Forwarded-For \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            0 | 203.0.113.7                         | 10.0.0.2
            0 | NULL                                | 10.0.0.2
            1 | NULL                                | 10.0.0.2
            1 | '  '                                | 10.0.0.2
            1 | 203.0.113.7                         | 203.0.113.7
            1 | 198.51.100.1, 203.0.113.7           | 203.0.113.7
            1 | 6.6.6.6, 7.7.7.7, 203.0.113.7       | 203.0.113.7
            2 | 6.6.6.6, 203.0.113.7, 10.0.0.9      | 203.0.113.7
            2 | 203.0.113.7                         | 203.0.113.7
            1 | 203.0.113.7,                        | 10.0.0.2
            """)
    void the_client_is_what_the_outermost_trusted_proxy_appended(int hops, String forwarded, String client) {
        assertThat(ClientAddress.of("10.0.0.2", forwarded, hops)).isEqualTo(client);
    }
}
