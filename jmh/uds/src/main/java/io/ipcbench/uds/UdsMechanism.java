package io.ipcbench.uds;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.link.Variant;
import io.ipcbench.os.NamedObjects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Unix domain sockets of the trial's {@code type}, carrying each message's payload as the trial's
 * {@code transfer} says: COPY through the socket (STREAM through java.nio, SEQPACKET and DGRAM
 * through socket(2), which java.nio lacks), or FD_PASSING, a sealed memfd per message in
 * SCM_RIGHTS ({@link FdPassingLink}) over a socket(2) socket of any type, its peer checked at
 * connect ({@link PeerCredentials}). The socket files live in a private 0700 directory and are
 * made 0600 once bound; the peer finds them by path. A copied SEQPACKET or DGRAM message must fit
 * the socket buffer, so validate refuses sizes this kernel cannot carry (see {@link SendBuffer})
 * instead of letting a message be cut; a passed memfd carries any size the params allow.
 */
public final class UdsMechanism implements Mechanism {
    static final String DIRECTORY = "uds.dir";

    @Override
    public String name() {
        return "uds";
    }

    /** Each socket type with both waits, each copying and passing descriptors. */
    @Override
    public List<Variant> variants() {
        return Variant.bothShapes(Arrays.stream(Transfer.values()).flatMap(transfer -> Arrays.stream(SocketType.values()).flatMap(type ->
                Variant.waits().map(wait -> Variant.with(Variant.with(wait, "type", type.name()), "transfer", transfer.name())))));
    }

    @Override
    public void validate(Params params) {
        SocketType type = SocketType.of(params);
        FdWait.of(params);
        if (Transfer.of(params) == Transfer.COPY && type != SocketType.STREAM) {
            SendBuffer.requireCarries(type, params.size());
        }
    }

    @Override
    public Offer offer(Params params, NamedObjects names) {
        Path directory = names.createPrivateDirectory("uds");
        SocketType type = SocketType.of(params);
        if (type == SocketType.STREAM && Transfer.of(params) == Transfer.COPY) {
            return StreamSockets.offer(directory, params, names);
        }
        return type == SocketType.DGRAM ? NativeSockets.offerDatagrams(directory, params, names)
                : NativeSockets.offerConnection(directory, type, params, names);
    }

    @Override
    public Link attach(Params params, Map<String, String> offered, Liveness benchmark, BiConsumer<String, String> export) {
        Path directory = Path.of(offered.get(DIRECTORY));
        SocketType type = SocketType.of(params);
        if (type == SocketType.STREAM && Transfer.of(params) == Transfer.COPY) {
            return StreamSockets.attach(directory, params, benchmark);
        }
        return type == SocketType.DGRAM ? NativeSockets.attachDatagrams(directory, params, benchmark, export)
                : NativeSockets.attachConnection(directory, type, params, benchmark);
    }

    /** Removes whatever is at {@code path} before a bind (which fails on an existing file) and once it is no longer needed. */
    static void unlink(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + path, e);
        }
    }

    /** A bound socket file gets 0600: connecting to it needs write permission, and only this user may. */
    static void restrict(Path socketFile) {
        try {
            Files.setPosixFilePermissions(socketFile, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict " + socketFile + " to its owner", e);
        }
    }
}
