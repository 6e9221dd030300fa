package dev.connectops.cam.archive;

/** The file chosen for upload cannot be uploaded as it is; the message says why, for the user. */
public class InvalidArchiveException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidArchiveException(String message) {
        super(message);
    }
}
