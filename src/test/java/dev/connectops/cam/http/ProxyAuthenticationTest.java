package dev.connectops.cam.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.connectops.cam.http.LoopbackForwardProxy.Exchange;
import dev.connectops.cam.http.LoopbackForwardProxy.ProxyAuthorization;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client {@link HttpClientFactory} builds, against a real forward proxy: credentials go with the first
 * request (plain and CONNECT), only to the proxy, and a 407 that remains is an exception naming the proxy.
 */
class ProxyAuthenticationTest {
    private static final String USER = "proxyuser";
    private static final String PASSWORD = "proxy-password-1";
    private static final String API_AUTHORIZATION = "Basic QVBJS0VZOmFwaS1zZWNyZXQ=";

    @RegisterExtension
    static WireMockExtension origin = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().dynamicHttpsPort()).build();

    private LoopbackForwardProxy proxy;

    @AfterEach
    void stopProxy() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void tunnelIsOpenedWithTheProxyCredentialsAndWithoutTheRequestsAuthorization() throws Exception {
        proxy = LoopbackForwardProxy.start(USER, PASSWORD);
        String target = "localhost:" + origin.getHttpsPort();

        // WireMock's certificate is self-signed and this client trusts only the JDK's CAs, so the request ends
        // at the TLS handshake, inside the tunnel the proxy opened.
        assertThrows(SSLException.class, () -> send("https://" + target + "/x", proxyWith(USER, PASSWORD)));

        assertEquals(List.of(new Exchange("CONNECT", target, ProxyAuthorization.EXPECTED, false, 0, 200)),
                proxy.exchanges());
    }

    @Test
    void tunnelRefusedForWrongCredentialsNamesTheProxyOnce() throws Exception {
        proxy = LoopbackForwardProxy.start(USER, PASSWORD);

        ProxyAuthenticationException e = assertThrows(ProxyAuthenticationException.class,
                () -> send("https://localhost:" + origin.getHttpsPort() + "/x", proxyWith(USER, "wrong-password-2")));

        assertEquals("the proxy 127.0.0.1:" + proxy.port() + " answered HTTP 407 Proxy Authentication Required",
                e.getMessage());
        assertEquals(USER, e.proxy().username());
        assertEquals(1, proxy.exchanges().size(), proxy.exchanges().toString());
        assertEquals(ProxyAuthorization.UNEXPECTED, proxy.exchanges().get(0).proxyAuthorization());
    }

    @Test
    void proxyWithoutCredentialsInSettingsGetsNoProxyAuthorization() throws Exception {
        proxy = LoopbackForwardProxy.start();
        origin.stubFor(post(urlEqualTo("/x")).willReturn(aResponse().withStatus(200)));

        assertEquals(200, send("http://localhost:" + origin.getPort() + "/x", proxyWith(null, null)));

        assertEquals(ProxyAuthorization.ABSENT, proxy.exchanges().get(0).proxyAuthorization());
        assertFalse(origin.findAll(anyRequestedFor(anyUrl())).get(0).containsHeader("Proxy-Authorization"));
    }

    @Test
    void a407FromTheOriginItselfIsLeftToTheCaller() throws Exception {
        origin.stubFor(post(urlEqualTo("/x")).willReturn(aResponse().withStatus(407)));

        assertEquals(407, send("http://localhost:" + origin.getPort() + "/x", ProxyLookup.DIRECT));
    }

    private ProxyLookup proxyWith(String user, String password) {
        return target -> Optional.of(new HttpProxy("http", "127.0.0.1", proxy.port(), user, password));
    }

    private static int send(String url, ProxyLookup proxies) throws IOException {
        try (CloseableHttpClient http = new HttpClientFactory(Duration.ofSeconds(5), Duration.ofSeconds(5), proxies)
                .create()) {
            HttpPost post = new HttpPost(url);
            post.setHeader("Authorization", API_AUTHORIZATION);
            post.setEntity(new StringEntity("{}", ContentType.APPLICATION_JSON));
            try (ClassicHttpResponse response = http.executeOpen(null, post, null)) {
                return response.getCode();
            }
        }
    }
}
