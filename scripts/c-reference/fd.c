/*
 * pipe | uds | tcp, BLOCKING | BUSY_POLL: the suite's PipeLatency, UdsLatency (type=STREAM) and
 * TcpLatency (loopback, nodelay=true) in C. Two descriptors per process, one per direction: a
 * pipe each way, one connected socket (a Unix stream socket pair; a TCP connection through
 * 127.0.0.1 with TCP_NODELAY). Both directions loop on short reads and writes, as a stream
 * requires. BLOCKING sleeps in read(2); BUSY_POLL makes the descriptors non-blocking and retries
 * EAGAIN at once with PAUSE between tries.
 */
#include "common.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

struct end {
    int in, out;
    char buffer[MESSAGE_BYTES] __attribute__((aligned(4096)));
};

static void write_all(int fd, const char *from, size_t length) {
    for (size_t done = 0; done < length;) {
        ssize_t n = write(fd, from + done, length - done);
        if (n > 0) {
            done += (size_t) n;
        } else if (n < 0 && errno == EAGAIN) {
            _mm_pause();
        } else if (n < 0 && errno != EINTR) {
            die("write");
        }
    }
}

static void read_all(int fd, char *into, size_t length) {
    for (size_t done = 0; done < length;) {
        ssize_t n = read(fd, into + done, length - done);
        if (n > 0) {
            done += (size_t) n;
        } else if (n == 0) {
            die_message("end of file: the other process is gone");
        } else if (errno == EAGAIN) {
            _mm_pause();
        } else if (errno != EINTR) {
            die("read");
        }
    }
}

static void echo(void *state) {
    struct end *e = state;
    for (;;) {
        read_all(e->in, e->buffer, MESSAGE_BYTES);
        write_all(e->out, e->buffer, MESSAGE_BYTES);
    }
}

static void round_trip(void *state) {
    struct end *e = state;
    static char message[MESSAGE_BYTES] __attribute__((aligned(4096))) = "ipcbench";
    write_all(e->out, message, MESSAGE_BYTES);
    read_all(e->in, e->buffer, MESSAGE_BYTES);
}

/* A connected pair of TCP sockets through loopback, Nagle off on both. */
static void tcp_pair(int pair[2]) {
    int listener = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t length = sizeof address;
    if (listener < 0 || bind(listener, (struct sockaddr *) &address, sizeof address) != 0 || listen(listener, 1) != 0
            || getsockname(listener, (struct sockaddr *) &address, &length) != 0) {
        die("tcp listen");
    }
    pair[0] = socket(AF_INET, SOCK_STREAM, 0);
    if (pair[0] < 0 || connect(pair[0], (struct sockaddr *) &address, sizeof address) != 0) {
        die("tcp connect");
    }
    pair[1] = accept(listener, NULL, NULL);
    if (pair[1] < 0) {
        die("tcp accept");
    }
    close(listener);
    setsockopt(pair[0], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    setsockopt(pair[1], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

int main(int argc, char **argv) {
    if (argc < 3 || (strcmp(argv[2], "BLOCKING") != 0 && strcmp(argv[2], "BUSY_POLL") != 0)) {
        die_message("usage: fd pipe|uds|tcp BLOCKING|BUSY_POLL");
    }
    static struct end benchmark, peer;
    if (strcmp(argv[1], "pipe") == 0) {
        int to_peer[2], from_peer[2];
        if (pipe(to_peer) != 0 || pipe(from_peer) != 0) {
            die("pipe");
        }
        benchmark.out = to_peer[1];
        benchmark.in = from_peer[0];
        peer.in = to_peer[0];
        peer.out = from_peer[1];
    } else {
        int pair[2];
        if (strcmp(argv[1], "uds") == 0) {
            if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0) {
                die("socketpair");
            }
        } else if (strcmp(argv[1], "tcp") == 0) {
            tcp_pair(pair);
        } else {
            die_message("usage: fd pipe|uds|tcp BLOCKING|BUSY_POLL");
        }
        benchmark.in = benchmark.out = pair[0];
        peer.in = peer.out = pair[1];
    }
    if (strcmp(argv[2], "BUSY_POLL") == 0) {
        int fds[] = {benchmark.in, benchmark.out, peer.in, peer.out};
        for (int i = 0; i < 4; i++) {
            fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
        }
    }
    pid_t child = start_peer(echo, &peer);
    measure(round_trip, &benchmark);
    stop_peer(child);
    return 0;
}
