package dev.connectops.cam.http;

import java.time.Duration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the one HTTP client an execution uses for the API and the upload host. It follows no
 * redirect (credentials must not travel to another host), keeps no cookies or auth cache, reads no
 * JVM-wide proxy properties, authenticates to a proxy on the first request, and does its own retries
 * elsewhere, so HttpClient's are off.
 */
public final class HttpClientFactory {
    private final Duration connectTimeout;
    private final Duration socketTimeout;
    private final ProxyLookup proxies;

    public HttpClientFactory(Duration connectTimeout, Duration socketTimeout, ProxyLookup proxies) {
        this.connectTimeout = connectTimeout;
        this.socketTimeout = socketTimeout;
        this.proxies = proxies;
    }

    public CloseableHttpClient create() {
        Timeout socket = Timeout.of(socketTimeout);
        HttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setConnectionFactory(new QuietConnectionFactory())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(socket)
                        .build())
                .build();
        ProxyRoutes routes = new ProxyRoutes(proxies);
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setRoutePlanner(routes)
                .setDefaultCredentialsProvider(routes)
                .addExecInterceptorBefore(ChainElement.PROTOCOL.name(), "cam-proxy-authentication",
                        new ProxyAuthentication(routes))
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(socket)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /**
     * The upload's own request settings, set on the upload request so that it does not depend on the
     * client's defaults, which suit the small API calls. The response timeout starts after the last byte
     * of the archive has been written: it is how long the upload host may take to judge the whole form.
     * No {@code Expect: 100-continue}: S3 can judge a POST only once the form fields have arrived, so the
     * handshake would only add a round trip. No compression negotiation: the answer is a few bytes.
     */
    public RequestConfig uploadRequestConfig() {
        return RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                .setResponseTimeout(Timeout.of(socketTimeout))
                .setExpectContinueEnabled(false)
                .setContentCompressionEnabled(false)
                .setRedirectsEnabled(false)
                .build();
    }
}
