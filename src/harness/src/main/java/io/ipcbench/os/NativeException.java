package io.ipcbench.os;

/** A libc call returned -1: carries the call's name and errno so the message says what failed and why. */
public final class NativeException extends RuntimeException {
    private final int errno;

    public NativeException(String call, int errno) {
        super(call + " failed: " + Errno.describe(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
