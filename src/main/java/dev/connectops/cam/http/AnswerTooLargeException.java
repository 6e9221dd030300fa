package dev.connectops.cam.http;

/** An API answer far larger than any this API sends: not worth reading to its end, nor retrying. */
public final class AnswerTooLargeException extends ExplainedIOException {
    private static final long serialVersionUID = 1L;

    public AnswerTooLargeException(String message) {
        super(message);
    }
}
