package io.ipcbench.uds;

import io.ipcbench.os.Errno;
import io.ipcbench.os.Native;
import io.ipcbench.os.NativeException;
import io.ipcbench.os.Sockets;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Who is at the other end of a socket that will carry descriptors, checked once at connect, before
 * any memfd passes: the process must be the trial's peer (its pid) and run as this user, or the
 * trial stops and the intruder's socket is closed. The socket files are 0600 in a 0700 directory,
 * so only this user (or root) can reach them at all; the check names the process, as the security
 * notes on SCM_RIGHTS advise. A connected socket (STREAM, SEQPACKET) has SO_PEERCRED, the
 * credentials the kernel recorded when the other process called connect(2). A DGRAM socket has
 * none (SO_PEERCRED gives pid 0 there), so the benchmark side turns on SO_PASSCRED before the peer
 * runs and requires the first datagram, which the peer sends to announce itself, to carry the
 * peer's SCM_CREDENTIALS: the kernel stamps them, and an unprivileged process can claim only its own.
 */
final class PeerCredentials {
    private static final int SO_PASSCRED = 16;
    private static final int SO_PEERCRED = 17;
    private static final int SCM_CREDENTIALS = 2;
    /** struct ucred: pid, uid, gid. */
    private static final StructLayout UCRED = MemoryLayout.structLayout(
            JAVA_INT.withName("pid"), JAVA_INT.withName("uid"), JAVA_INT.withName("gid"));
    private static final long PID = UCRED.byteOffset(groupElement("pid"));
    private static final long UID = UCRED.byteOffset(groupElement("uid"));

    // int getsockopt(int sockfd, int level, int optname, void *optval, socklen_t *optlen);
    private static final MethodHandle GETSOCKOPT = Native.errnoCall("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    // ssize_t recvmsg(int sockfd, struct msghdr *msg, int flags);
    private static final MethodHandle RECVMSG = Native.errnoCall("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    // uid_t getuid(void);
    private static final MethodHandle GETUID = Native.call("getuid", FunctionDescriptor.of(JAVA_INT));

    private PeerCredentials() {}

    /** SO_PEERCRED of an accepted connection: the process that connected must be {@code peerPid}, running as this user. */
    static void requireConnected(int fd, long peerPid, String where) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ucred = arena.allocate(UCRED);
            MemorySegment length = arena.allocateFrom(JAVA_INT, (int) UCRED.byteSize());
            MemorySegment errno = Native.errnoSegment();
            Native.check("getsockopt(" + fd + ", SOL_SOCKET, SO_PEERCRED)",
                    (int) GETSOCKOPT.invokeExact(errno, fd, ScmRights.SOL_SOCKET, SO_PEERCRED, ucred, length), errno);
            require(ucred, peerPid, "SO_PEERCRED", where);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** DGRAM, benchmark side, before the peer runs: datagrams arriving from now on carry their sender's credentials. */
    static void passCredentials(int fd, boolean on) {
        Sockets.setIntOption(fd, SO_PASSCRED, on ? 1 : 0);
    }

    /**
     * DGRAM, benchmark side: takes the first datagram without waiting; null while none has come,
     * else true once its SCM_CREDENTIALS name {@code peerPid} and this user (and throws otherwise).
     */
    static Boolean announced(int fd, long peerPid, String where) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment msghdr = arena.allocate(ScmRights.MSGHDR);
            MemorySegment iovec = arena.allocate(ScmRights.IOVEC);
            MemorySegment data = arena.allocate(JAVA_BYTE);
            long room = ScmRights.CMSGHDR.byteSize() + UCRED.byteSize();
            MemorySegment control = arena.allocate(room + 4, Long.BYTES);
            iovec.set(ADDRESS, ScmRights.IOVEC.byteOffset(groupElement("iov_base")), data);
            iovec.set(JAVA_LONG, ScmRights.IOVEC.byteOffset(groupElement("iov_len")), 1L);
            msghdr.set(ADDRESS, ScmRights.MSGHDR.byteOffset(groupElement("msg_iov")), iovec);
            msghdr.set(JAVA_LONG, ScmRights.MSGHDR.byteOffset(groupElement("msg_iovlen")), 1L);
            msghdr.set(ADDRESS, ScmRights.MSGHDR.byteOffset(groupElement("msg_control")), control);
            msghdr.set(JAVA_LONG, ScmRights.MSGHDR.byteOffset(groupElement("msg_controllen")), control.byteSize());
            MemorySegment errno = Native.errnoSegment();
            long n = (long) RECVMSG.invokeExact(errno, fd, msghdr, Sockets.MSG_DONTWAIT);
            if (n < 0) {
                int error = Native.errno(errno);
                if (error == Errno.EAGAIN || error == Errno.EINTR) {
                    return null;
                }
                throw new NativeException("recvmsg(fd " + fd + ", the peer's announcement)", error);
            }
            boolean credentials = msghdr.get(JAVA_LONG, ScmRights.MSGHDR.byteOffset(groupElement("msg_controllen"))) >= room
                    && control.get(JAVA_INT, ScmRights.CMSGHDR.byteOffset(groupElement("cmsg_level"))) == ScmRights.SOL_SOCKET
                    && control.get(JAVA_INT, ScmRights.CMSGHDR.byteOffset(groupElement("cmsg_type"))) == SCM_CREDENTIALS;
            if (!credentials) {
                throw new IllegalStateException("uds FD_PASSING: the first datagram on " + where
                        + " carried no SCM_CREDENTIALS, though SO_PASSCRED is on: who sent it cannot be checked");
            }
            require(control.asSlice(ScmRights.CMSGHDR.byteSize(), UCRED.byteSize()), peerPid, "SCM_CREDENTIALS", where);
            return true;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** DGRAM, peer side: the one-byte datagram whose credentials the benchmark side checks. */
    static void announce(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            long n = Sockets.send(fd, arena.allocate(JAVA_BYTE).address(), 1, Sockets.MSG_NOSIGNAL);
            if (n != 1) {
                throw new NativeException("send(fd " + fd + ", the peer's announcement)", (int) -n);
            }
        }
    }

    private static void require(MemorySegment ucred, long peerPid, String source, String where) throws Throwable {
        int pid = ucred.get(JAVA_INT, PID);
        int uid = ucred.get(JAVA_INT, UID);
        int ownUid = (int) GETUID.invokeExact();
        if (pid != peerPid || uid != ownUid) {
            throw new IllegalStateException("uds FD_PASSING: refused the process at the other end of " + where + ": " + source
                    + " says pid " + pid + " uid " + uid + ", where the peer is pid " + peerPid + " uid " + ownUid
                    + "; another process reached the socket first, and no descriptor was passed to it");
        }
    }
}
