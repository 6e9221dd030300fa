package dev.connectops.cam.http;

import java.net.URI;
import java.util.Optional;

/**
 * Which proxy, if any, to use for a target URL. Asked per host, because the API host and the upload
 * host can have different answers (nonProxyHosts, per-protocol proxies).
 */
@FunctionalInterface
public interface ProxyLookup {
    ProxyLookup DIRECT = target -> Optional.empty();

    Optional<HttpProxy> proxyFor(URI target);
}
