package dev.connectops.cam.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.Test;

class HttpClientFactoryTest {

    @Test
    void uploadSettingsTakeTheParametersTimeoutsAndSkipTheExpectContinueRoundTrip() {
        RequestConfig upload = new HttpClientFactory(Duration.ofSeconds(7), Duration.ofSeconds(95), ProxyLookup.DIRECT)
                .uploadRequestConfig();

        assertEquals(Timeout.ofSeconds(95), upload.getResponseTimeout(), "socketTimeout: waiting for the verdict");
        assertEquals(Timeout.ofSeconds(7), upload.getConnectionRequestTimeout(),
                "connectTimeout: getting a connection");
        assertFalse(upload.isExpectContinueEnabled());
        assertFalse(upload.isRedirectsEnabled(), "an upload never follows a redirect");
        assertFalse(upload.isContentCompressionEnabled());
    }
}
