package dev.connectops.cam.upload;

/**
 * The upload host refused or lost the archive, or what it stored is not what was sent. The message is
 * for the user and holds no form secret.
 */
public class UploadException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public UploadException(String message, int status, String code) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status, or 0 when no response was received. */
    public int status() {
        return status;
    }

    /** S3's error {@code Code}, or null. */
    public String code() {
        return code;
    }
}
