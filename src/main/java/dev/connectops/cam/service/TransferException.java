package dev.connectops.cam.service;

/** A request could not be completed at the network level (refused, reset, timed out, no such host). */
public class TransferException extends Exception {
    private static final long serialVersionUID = 1L;

    public TransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
