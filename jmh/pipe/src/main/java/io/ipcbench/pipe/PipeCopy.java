package io.ipcbench.pipe;

import io.ipcbench.link.Params;

/**
 * The {@code copy} parameter of the pipe module: how the sending end puts a message into the pipe.
 * The receiving end always read(2)s the bytes out into its own buffer, because it checks them (the
 * soak and the tests verify every byte; a benchmark's receiver consumes them the same way): that is
 * one copy neither mode can skip. Splicing the pipe into another descriptor (splice(2) to
 * /dev/null, the ~32 GiB/s of the pipe write-ups) would skip it too, and with it any check that the
 * bytes arrived, so it is not offered.
 */
public enum PipeCopy {
    /**
     * write(2) copies the message from the sender's buffer into pages the pipe allocates, and the
     * receiver's read(2) copies it out again: two copies of every byte, as with any copy-based
     * mechanism.
     */
    READ_WRITE,
    /**
     * vmsplice(2) puts references to the sender's own pages into the pipe instead of a copy (the
     * sender's copy is skipped; what it pays instead is pinning the pages, page by page); the
     * receiver's read(2) copies the bytes straight from the sender's pages: one copy of every
     * byte. The sender must not rewrite a buffer while its pages are still in the pipe: see
     * {@link VmspliceLink}.
     */
    VMSPLICE;

    /** The trial's {@code copy} parameter; READ_WRITE where a caller gives none. */
    static PipeCopy of(Params params) {
        return params.has("copy") ? params.choice("copy", PipeCopy.class) : READ_WRITE;
    }
}
