package dev.connectops.cam;

import dev.connectops.cam.http.HttpProxy;
import dev.connectops.cam.http.ProxyLookup;
import java.net.URI;
import java.util.Optional;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.AuthenticationContext;
import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.repository.ProxySelector;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Asks Maven's resolver which settings.xml proxy serves a URL. The resolver has already chosen the
 * active proxies, decrypted their passwords and applied {@code nonProxyHosts}, and for an https target
 * it falls back to a proxy declared for http, as Maven does for repositories. No JVM-wide proxy
 * property is read or set.
 */
final class ResolverProxyLookup implements ProxyLookup {
    private final RepositorySystemSession session;

    ResolverProxyLookup(RepositorySystemSession session) {
        this.session = session;
    }

    @Override
    public Optional<HttpProxy> proxyFor(URI target) {
        ProxySelector selector = session == null ? null : session.getProxySelector();
        if (selector == null) {
            return Optional.empty();
        }
        RemoteRepository repository = new RemoteRepository.Builder("cam-upload", "default", target.toString()).build();
        Proxy proxy = selector.getProxy(repository);
        if (proxy == null) {
            return Optional.empty();
        }
        String username = null;
        String password = null;
        RemoteRepository proxied = new RemoteRepository.Builder(repository).setProxy(proxy).build();
        try (AuthenticationContext auth = AuthenticationContext.forProxy(session, proxied)) {
            if (auth != null) {
                username = auth.get(AuthenticationContext.USERNAME);
                password = auth.get(AuthenticationContext.PASSWORD);
            }
        }
        // <protocol> names the targets a proxy serves, not how to reach it: Maven speaks plain HTTP to every
        // proxy (CONNECT for https targets), and corporate settings rely on that.
        return Optional.of(new HttpProxy("http", proxy.getHost(), proxy.getPort(), username, password));
    }
}
