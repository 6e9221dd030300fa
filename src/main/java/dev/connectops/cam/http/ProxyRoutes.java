package dev.connectops.cam.http;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.Credentials;
import org.apache.hc.client5.http.auth.CredentialsProvider;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Routes each request through the proxy its target host calls for, and hands that proxy's credentials to
 * HttpClient when the proxy asks for them. Credentials are handed out only for the proxy's own host and port,
 * so they never reach the API or the upload host. {@link ProxyAuthentication} sends them before being asked.
 */
final class ProxyRoutes extends DefaultRoutePlanner implements CredentialsProvider {
    private final ProxyLookup lookup;
    private final Map<String, HttpProxy> inUse = new ConcurrentHashMap<>();

    ProxyRoutes(ProxyLookup lookup) {
        super(DefaultSchemePortResolver.INSTANCE);
        this.lookup = lookup;
    }

    @Override
    protected HttpHost determineProxy(HttpHost target, HttpContext context) {
        Optional<HttpProxy> proxy = lookup.proxyFor(URI.create(target.toURI()));
        proxy.ifPresent(p -> inUse.put(key(p.host(), p.port()), p));
        return proxy.map(p -> new HttpHost(p.scheme(), p.host(), p.port())).orElse(null);
    }

    /** The proxy this planner routed a request through, by the proxy's host and port. */
    Optional<HttpProxy> proxyAt(HttpHost proxyHost) {
        return Optional.ofNullable(inUse.get(key(proxyHost.getHostName(), proxyHost.getPort())));
    }

    @Override
    public Credentials getCredentials(AuthScope scope, HttpContext context) {
        HttpProxy proxy = inUse.get(key(scope.getHost(), scope.getPort()));
        if (proxy == null || !proxy.hasCredentials()) {
            return null;
        }
        char[] password = proxy.password() == null ? new char[0] : proxy.password().toCharArray();
        return new UsernamePasswordCredentials(proxy.username(), password);
    }

    private static String key(String host, int port) {
        return (host == null ? "" : host.toLowerCase(java.util.Locale.ROOT)) + ":" + port;
    }
}
