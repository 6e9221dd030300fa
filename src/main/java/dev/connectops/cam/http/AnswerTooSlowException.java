package dev.connectops.cam.http;

/** An API answer that kept coming (slowly, or without end) past its deadline. */
public final class AnswerTooSlowException extends ExplainedIOException {
    private static final long serialVersionUID = 1L;

    public AnswerTooSlowException(String message) {
        super(message);
    }
}
