package dev.connectops.cam.http;

import java.io.IOException;

/**
 * A proxy refused to pass a request on because it wants other credentials (HTTP 407), after the ones
 * settings.xml gives for it, if any, were sent. The password never appears in the message.
 */
public final class ProxyAuthenticationException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient HttpProxy proxy;
    private final String statusLine;

    public ProxyAuthenticationException(HttpProxy proxy, String statusLine) {
        super("the proxy " + proxy.address() + " answered " + statusLine);
        this.proxy = proxy;
        this.statusLine = statusLine;
    }

    /** The proxy that refused, as settings.xml declares it. */
    public HttpProxy proxy() {
        return proxy;
    }

    /** The proxy's answer, e.g. "HTTP 407 Proxy Authentication Required". */
    public String statusLine() {
        return statusLine;
    }
}
