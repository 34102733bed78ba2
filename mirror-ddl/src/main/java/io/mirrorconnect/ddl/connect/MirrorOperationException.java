package io.mirrorconnect.ddl.connect;

/** An operation that cannot be done as asked (a connector that does not exist). */
public final class MirrorOperationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MirrorOperationException(String message) {
        super(message);
    }
}
