package dev.connectops.cam.http;

import java.io.IOException;
import java.util.Optional;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.auth.BasicScheme;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpStatus;

/**
 * Sends a proxy's credentials with the first request through it (HTTP Basic, the scheme Maven's own
 * transports offer), instead of waiting for its 407. Waiting would send the whole archive to the proxy once
 * only to be refused, and a proxy that answers before it has read the body breaks the connection in the
 * middle of the upload. It sits in front of HttpClient's protocol handler, which reads the primed exchange for
 * plain requests and for the CONNECT of a tunnel alike.
 *
 * <p>A 407 that still comes back ends the request with a {@link ProxyAuthenticationException} naming the
 * proxy: it is not an answer of the API or of the upload host, and must not be read as one.
 */
final class ProxyAuthentication implements ExecChainHandler {
    private final ProxyRoutes routes;

    ProxyAuthentication(ProxyRoutes routes) {
        this.routes = routes;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        HttpHost proxyHost = scope.route.getProxyHost();
        Optional<HttpProxy> proxy = proxyHost == null ? Optional.empty() : routes.proxyAt(proxyHost);
        proxy.filter(HttpProxy::hasCredentials).ifPresent(p -> {
            BasicScheme basic = new BasicScheme();
            basic.initPreemptive(new UsernamePasswordCredentials(p.username(),
                    p.password() == null ? new char[0] : p.password().toCharArray()));
            scope.clientContext.resetAuthExchange(proxyHost, basic);
        });
        ClassicHttpResponse response = chain.proceed(request, scope);
        if (response.getCode() == HttpStatus.SC_PROXY_AUTHENTICATION_REQUIRED && proxy.isPresent()) {
            String statusLine = "HTTP " + response.getCode()
                    + (response.getReasonPhrase() == null ? "" : " " + response.getReasonPhrase());
            response.close();
            throw new ProxyAuthenticationException(proxy.get(), statusLine);
        }
        return response;
    }
}
