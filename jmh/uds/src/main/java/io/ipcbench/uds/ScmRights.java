package io.ipcbench.uds;

import io.ipcbench.os.Native;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One direction of sendmsg(2)/recvmsg(2) carrying an 8-byte header and file descriptors in an
 * SCM_RIGHTS control message, its structs laid out once (x86-64, glibc) and reused for every
 * message: nothing is allocated per call. A send names one descriptor; a receive has room for
 * exactly one, so a message carrying more comes back with MSG_CTRUNC set in {@link #flags} (the
 * kernel closes the descriptors that did not fit), which the caller must treat as a failure.
 * Calls return bytes or {@code -errno}, as {@code os.Sockets} does.
 */
final class ScmRights {
    static final int SOL_SOCKET = 1;
    static final int SCM_RIGHTS = 1;
    /** recvmsg: the control buffer was too small and some control data (descriptors) was discarded. */
    static final int MSG_CTRUNC = 0x8;
    /** recvmsg: received descriptors get FD_CLOEXEC, so no peer JVM started later inherits one. */
    static final int MSG_CMSG_CLOEXEC = 0x40000000;
    static final long HEADER_BYTES = Long.BYTES;

    /** struct msghdr: name, its length (padded), the iovec array and its count, the control buffer and its length, flags (padded). */
    static final StructLayout MSGHDR = MemoryLayout.structLayout(
            ADDRESS.withName("msg_name"), JAVA_INT.withName("msg_namelen"), MemoryLayout.paddingLayout(4),
            ADDRESS.withName("msg_iov"), JAVA_LONG.withName("msg_iovlen"),
            ADDRESS.withName("msg_control"), JAVA_LONG.withName("msg_controllen"),
            JAVA_INT.withName("msg_flags"), MemoryLayout.paddingLayout(4));
    /** struct iovec: base, length. */
    static final StructLayout IOVEC = MemoryLayout.structLayout(ADDRESS.withName("iov_base"), JAVA_LONG.withName("iov_len"));
    /** struct cmsghdr: the length of header and data, level, type; the data follows, aligned to 8 bytes (CMSG_DATA). */
    static final StructLayout CMSGHDR = MemoryLayout.structLayout(
            JAVA_LONG.withName("cmsg_len"), JAVA_INT.withName("cmsg_level"), JAVA_INT.withName("cmsg_type"));
    private static final long MSG_CONTROLLEN = MSGHDR.byteOffset(groupElement("msg_controllen"));
    private static final long MSG_FLAGS = MSGHDR.byteOffset(groupElement("msg_flags"));
    private static final long CMSG_LEN = CMSGHDR.byteOffset(groupElement("cmsg_len"));
    private static final long CMSG_LEVEL = CMSGHDR.byteOffset(groupElement("cmsg_level"));
    private static final long CMSG_TYPE = CMSGHDR.byteOffset(groupElement("cmsg_type"));
    private static final long CMSG_DATA = CMSGHDR.byteSize();

    // ssize_t sendmsg(int sockfd, const struct msghdr *msg, int flags);  msg as a raw address, laid out once
    private static final MethodHandle SENDMSG = Native.errnoCall("sendmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    // ssize_t recvmsg(int sockfd, struct msghdr *msg, int flags);  msg as a raw address, laid out once
    private static final MethodHandle RECVMSG = Native.errnoCall("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));

    private final MemorySegment msghdr;
    private final MemorySegment header;
    private final MemorySegment control;
    private final int room;

    /** Structs with room for {@code descriptors} descriptors, freed with this object (a watchdog closing a link must not free them under a call). */
    ScmRights(int descriptors) {
        this.room = descriptors;
        Arena arena = Arena.ofAuto();
        this.msghdr = arena.allocate(MSGHDR);
        MemorySegment iovec = arena.allocate(IOVEC);
        this.header = arena.allocate(JAVA_LONG);
        this.control = arena.allocate(space(descriptors), Long.BYTES);
        iovec.set(ADDRESS, IOVEC.byteOffset(groupElement("iov_base")), header);
        iovec.set(JAVA_LONG, IOVEC.byteOffset(groupElement("iov_len")), HEADER_BYTES);
        msghdr.set(ADDRESS, MSGHDR.byteOffset(groupElement("msg_iov")), iovec);
        msghdr.set(JAVA_LONG, MSGHDR.byteOffset(groupElement("msg_iovlen")), 1L);
        msghdr.set(ADDRESS, MSGHDR.byteOffset(groupElement("msg_control")), control);
    }

    /** CMSG_SPACE(descriptors * sizeof(int)): a control message and its data, padded to 8 bytes. */
    static long space(int descriptors) {
        return CMSG_DATA + (descriptors * JAVA_INT.byteSize() + 7 & ~7L);
    }

    /** CMSG_LEN(descriptors * sizeof(int)): what cmsg_len holds. */
    private static long length(int descriptors) {
        return CMSG_DATA + descriptors * JAVA_INT.byteSize();
    }

    /** sendmsg(2) of {@code value} as the 8-byte header with {@code fd} in SCM_RIGHTS: bytes sent (8), or -errno. */
    long send(int socket, long value, int fd, int flags) {
        control.set(JAVA_INT, CMSG_DATA, fd);
        return sendDescriptors(socket, value, 1, flags);
    }

    /** The same with several descriptors, which a receive of this class refuses (MSG_CTRUNC): for the test that shows it. */
    long sendAll(int socket, long value, int[] fds, int flags) {
        for (int i = 0; i < fds.length; i++) {
            control.setAtIndex(JAVA_INT, CMSG_DATA / JAVA_INT.byteSize() + i, fds[i]);
        }
        return sendDescriptors(socket, value, fds.length, flags);
    }

    private long sendDescriptors(int socket, long value, int count, int flags) {
        header.set(JAVA_LONG, 0, value);
        control.set(JAVA_LONG, CMSG_LEN, length(count));
        control.set(JAVA_INT, CMSG_LEVEL, SOL_SOCKET);
        control.set(JAVA_INT, CMSG_TYPE, SCM_RIGHTS);
        msghdr.set(JAVA_LONG, MSG_CONTROLLEN, space(count));
        try {
            MemorySegment errno = Native.errnoSegment();
            long n = (long) SENDMSG.invokeExact(errno, socket, msghdr.address(), flags);
            return n >= 0 ? n : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * recvmsg(2) of one header and as many descriptors as there is room for (received
     * close-on-exec): bytes received, or -errno. Then {@link #header}, {@link #descriptor} and
     * {@link #flags} tell what came. msg_controllen is CMSG_LEN, not CMSG_SPACE: for one descriptor
     * CMSG_SPACE(4) is 24 bytes, room for two, and a second would be installed, not refused.
     */
    long receive(int socket, int flags) {
        msghdr.set(JAVA_LONG, MSG_CONTROLLEN, length(room));
        msghdr.set(JAVA_INT, MSG_FLAGS, 0);
        control.set(JAVA_LONG, CMSG_LEN, 0L);
        try {
            MemorySegment errno = Native.errnoSegment();
            long n = (long) RECVMSG.invokeExact(errno, socket, msghdr.address(), flags | MSG_CMSG_CLOEXEC);
            return n >= 0 ? n : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** The header the last receive brought. */
    long header() {
        return header.get(JAVA_LONG, 0);
    }

    /** msg_flags of the last receive: MSG_CTRUNC, MSG_TRUNC. */
    int flags() {
        return msghdr.get(JAVA_INT, MSG_FLAGS);
    }

    /** The descriptor the last receive brought, now this process's to close, or -1 when it brought none. */
    int descriptor() {
        boolean one = msghdr.get(JAVA_LONG, MSG_CONTROLLEN) >= length(1)
                && control.get(JAVA_LONG, CMSG_LEN) == length(1)
                && control.get(JAVA_INT, CMSG_LEVEL) == SOL_SOCKET
                && control.get(JAVA_INT, CMSG_TYPE) == SCM_RIGHTS;
        return one ? control.get(JAVA_INT, CMSG_DATA) : -1;
    }
}
