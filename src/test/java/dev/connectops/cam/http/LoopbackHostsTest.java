package dev.connectops.cam.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackHostsTest {

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "127.0.0.1", "127.0.0.5", "127.255.255.254", "[::1]", "::1",
        "[0:0:0:0:0:0:0:1]"})
    void loopbackLiteralsAreLoopback(String host) {
        assertTrue(LoopbackHosts.isLoopback(host), host);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"api.confluent.cloud", "example.com", "128.0.0.1", "10.0.0.1", "0.0.0.0", "192.168.1.1",
        "[::2]", "[fe80::1]", "localhost.example.com", "127.0.0.1.nip.io", "999.0.0.1", "127.0.0.256",
        "my-localhost"})
    void otherHostsAreNotLoopback(String host) {
        assertFalse(LoopbackHosts.isLoopback(host), String.valueOf(host));
    }

    @Test
    void aNameIsNeverResolvedSoAHostThatOnlyResolvesToLoopbackDoesNotCount() {
        // "localtest.me"-style names resolve to 127.0.0.1 through DNS; only literals may count.
        assertFalse(LoopbackHosts.isLoopback("ip6-localhost"));
        assertFalse(LoopbackHosts.isLoopback("localhost.localdomain"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.confluent.cloud", "HTTPS://api.example.com/x", "http://localhost:8080",
        "http://127.0.0.5", "http://[::1]:9/", "https://10.0.0.1"})
    void httpsOrLoopbackHttpIsSecureEnough(String url) {
        assertTrue(LoopbackHosts.isSecureOrLoopback(URI.create(url)), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://api.example.com", "http://10.0.0.1:8080", "ftp://localhost/", "file:///tmp/x",
        "//localhost/no-scheme", "http://[::2]/"})
    void plainHttpToOtherHostsOrOtherSchemesIsNot(String url) {
        assertFalse(LoopbackHosts.isSecureOrLoopback(URI.create(url)), url);
    }
}
