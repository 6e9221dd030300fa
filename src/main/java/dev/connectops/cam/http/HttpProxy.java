package dev.connectops.cam.http;

/**
 * A forward proxy to reach one host through, with its credentials when it wants them. The password
 * never appears in {@link #toString()}.
 */
public record HttpProxy(String scheme, String host, int port, String username, String password) {

    public boolean hasCredentials() {
        return username != null && !username.isEmpty();
    }

    /** "host:port", safe to log. */
    public String address() {
        return host + ":" + port;
    }

    /** The proxy's URL and the user name, safe to log. */
    public String describe() {
        return scheme + "://" + host + ":" + port + (hasCredentials() ? " as " + username : "");
    }

    @Override
    public String toString() {
        return "HttpProxy[" + describe() + "]";
    }
}
