package io.ipcbench.uds;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.os.Errno;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NativeException;
import io.ipcbench.os.Sockets;

import java.lang.foreign.MemorySegment;

/**
 * A {@link Link} for {@link Transfer#FD_PASSING}: every message is a fresh sealed memfd
 * ({@link SealedMemfd}) handed over in SCM_RIGHTS, with its length as an 8-byte header
 * ({@link ScmRights}); the socket carries a descriptor whatever the payload's size, so a message is
 * one sendmsg(2) and one recvmsg(2) where COPY moves a large one through the socket buffer in
 * pieces, a wake-up between them. A send: memfd_create, ftruncate, pwrite of the payload, F_ADD_SEALS,
 * sendmsg, close (the message in flight holds its own reference, and the receiver's close frees
 * the pages). A receive: recvmsg, then the checks a receiver of another process's memory must make
 * before it reads: exactly one descriptor (MSG_CTRUNC means the sender passed more, and the
 * kernel closed those that did not fit), all four seals (F_GET_SEALS), the announced size
 * (lseek); then pread(2) of every byte into the receiver's buffer, and close.
 * <p>
 * pread, not mmap: the receiver copies the payload out (it must have every byte, as COPY's recv
 * gives it), and a mapping per message would add mmap, munmap and a page fault per 4 KiB page to
 * that same copy. One memfd per message, never a pool: F_SEAL_WRITE cannot be lifted, so a sealed
 * memfd cannot carry a second message, and a memfd passed unsealed is plain shared memory (the shm
 * and mmap modules), whose receiver cannot trust that the bytes it checked stay what it read. The
 * write into the memfd stands for producing the payload there, as a display client renders into
 * the buffer it will pass; it is the copy that COPY's send makes into the socket.
 * <p>
 * Each header is one 8-byte send: on a STREAM socket the kernel queues it as one buffer, which a
 * receive of 8 bytes takes whole and alone (a receive stops at a buffer carrying descriptors), so
 * every type gets one header per receive, and anything else fails loudly. How each end waits:
 * {@link SocketWait}.
 */
final class FdPassingLink implements Link {
    private final int socket;
    private final SocketType type;
    private final SocketWait wait;
    private final int sendFlags;
    private final int receiveFlags;
    private final ScmRights out = new ScmRights(1);
    private final ScmRights in = new ScmRights(1);

    FdPassingLink(int socket, SocketType type, FdWait wait, Liveness other) {
        this.socket = socket;
        this.type = type;
        this.wait = new SocketWait(socket, type, wait, other);
        this.sendFlags = Sockets.MSG_NOSIGNAL | this.wait.dontWait();
        this.receiveFlags = this.wait.dontWait();
    }

    @Override
    public void send(MemorySegment message, int length) {
        int memfd = SealedMemfd.create();
        if (memfd < 0) {
            throw new NativeException("memfd_create(" + SealedMemfd.NAME + ", MFD_ALLOW_SEALING)", -memfd);
        }
        try {
            int sealed = SealedMemfd.fillAndSeal(memfd, message.address(), length);
            if (sealed < 0) {
                throw new NativeException("sizing, writing and sealing a memfd of " + length + " bytes", -sealed);
            }
            handOver(memfd, length);
        } finally {
            SealedMemfd.close(memfd);
        }
    }

    private void handOver(int memfd, int length) {
        while (true) {
            long n = out.send(socket, length, memfd, sendFlags);
            if (n == ScmRights.HEADER_BYTES) {
                return;
            }
            if (n >= 0) {
                throw new IllegalStateException("uds " + type + " FD_PASSING: sendmsg(2) took " + n + " bytes of an "
                        + ScmRights.HEADER_BYTES + "-byte header, where a header moves whole or not at all");
            }
            int errno = (int) -n;
            if (errno == Errno.EAGAIN) {
                wait.turn("room in the socket buffer");
            } else if (SocketWait.isGone(errno)) {
                throw wait.gone("its end to take a memfd of " + length + " bytes");
            } else if (errno != Errno.EINTR) {
                throw new NativeException("sendmsg(fd " + socket + ", a memfd of " + length + " bytes in SCM_RIGHTS)", errno);
            }
        }
    }

    @Override
    public void receive(MemorySegment into, int length) {
        while (true) {
            long n = in.receive(socket, receiveFlags);
            if (n == ScmRights.HEADER_BYTES) {
                readPassed(into, length);
                return;
            }
            if (n >= 0) {
                closePassed();
                if (n == 0 && type != SocketType.DGRAM) {
                    throw wait.gone("a memfd of " + length + " bytes");
                }
                throw new IllegalStateException("uds " + type + " FD_PASSING: a header of " + n + " bytes arrived where one of "
                        + ScmRights.HEADER_BYTES + " was due");
            }
            int errno = (int) -n;
            if (errno == Errno.EAGAIN) {
                wait.turn("a memfd");
            } else if (SocketWait.isGone(errno)) {
                throw wait.gone("a memfd of " + length + " bytes");
            } else if (errno != Errno.EINTR) {
                throw new NativeException("recvmsg(fd " + socket + ")", errno);
            }
        }
    }

    /** The checks before reading another process's memfd, then every byte of it; the descriptor is closed on every path. */
    private void readPassed(MemorySegment into, int length) {
        int flags = in.flags();
        int memfd = in.descriptor();
        try {
            if ((flags & ScmRights.MSG_CTRUNC) != 0) {
                throw refused("a message carried more than the one descriptor it may (MSG_CTRUNC): the kernel closed the rest");
            }
            if ((flags & Sockets.MSG_TRUNC) != 0) {
                throw refused("a message longer than its " + ScmRights.HEADER_BYTES + "-byte header arrived (MSG_TRUNC)");
            }
            if (memfd < 0) {
                throw refused("a message arrived without a descriptor in SCM_RIGHTS");
            }
            long announced = in.header();
            if (announced != length) {
                throw refused("a memfd announced as " + announced + " bytes arrived where one of " + length + " was due");
            }
            int seals = SealedMemfd.seals(memfd);
            if (seals < 0 || (seals & SealedMemfd.SEALS) != SealedMemfd.SEALS) {
                throw refused("the descriptor passed is not a memfd sealed against writing, shrinking, growing and unsealing (F_GET_SEALS: "
                        + (seals < 0 ? Errno.describe(-seals) : "0x" + Integer.toHexString(seals)) + "): its sender could still change it");
            }
            long size = SealedMemfd.size(memfd);
            if (size != length) {
                throw refused("a sealed memfd of " + size + " bytes arrived where one of " + length + " was due");
            }
            long read = SealedMemfd.readAll(memfd, into.address(), length);
            if (read != length) {
                throw read < 0 ? new NativeException("pread(a sealed memfd of " + length + " bytes)", (int) -read)
                        : refused("pread(2) of a sealed memfd of " + length + " bytes returned " + read);
            }
        } finally {
            if (memfd >= 0) {
                SealedMemfd.close(memfd);
            }
        }
    }

    /** Closes a descriptor that came with a message refused before it was read. */
    private void closePassed() {
        int memfd = in.descriptor();
        if (memfd >= 0) {
            SealedMemfd.close(memfd);
        }
    }

    private IllegalStateException refused(String why) {
        return new IllegalStateException("uds " + type + " FD_PASSING: " + why);
    }

    @Override
    public void close() {
        Libc.close(socket);
    }
}
