package dev.connectops.cam.http;

import java.io.IOException;

/**
 * An I/O failure this plugin detected itself and described for the user: its message is shown as it is,
 * not wrapped in the words used for what the JDK or HttpClient report.
 */
public abstract class ExplainedIOException extends IOException {
    private static final long serialVersionUID = 1L;

    protected ExplainedIOException(String message) {
        super(message);
    }
}
