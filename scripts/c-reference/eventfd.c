/*
 * eventfd, BLOCKING | BUSY_POLL: the suite's EventfdCounterLatency (shape=COUNTER) in C. One
 * eventfd per process: a message is write(2) of 1 into the other's, taken by read(2) of one's
 * own, which must return exactly 1. BUSY_POLL creates them non-blocking and retries EAGAIN.
 */
#include "common.h"

#include <sys/eventfd.h>

struct end {
    int own, other;
};

static void send_one(int fd) {
    uint64_t one = 1;
    while (write(fd, &one, sizeof one) != sizeof one) {
        if (errno != EINTR) {
            die("write");
        }
    }
}

static void take_one(int fd) {
    uint64_t count;
    while (read(fd, &count, sizeof count) != sizeof count) {
        if (errno == EAGAIN) {
            _mm_pause();
        } else if (errno != EINTR) {
            die("read");
        }
    }
    if (count != 1) {
        die_message("eventfd: a count other than 1");
    }
}

static void echo(void *state) {
    struct end *e = state;
    for (;;) {
        take_one(e->own);
        send_one(e->other);
    }
}

static void round_trip(void *state) {
    struct end *e = state;
    send_one(e->other);
    take_one(e->own);
}

int main(int argc, char **argv) {
    if (argc < 2 || (strcmp(argv[1], "BLOCKING") != 0 && strcmp(argv[1], "BUSY_POLL") != 0)) {
        die_message("usage: eventfd BLOCKING|BUSY_POLL");
    }
    int flags = strcmp(argv[1], "BUSY_POLL") == 0 ? EFD_NONBLOCK : 0;
    int to_peer = eventfd(0, flags), from_peer = eventfd(0, flags);
    if (to_peer < 0 || from_peer < 0) {
        die("eventfd");
    }
    static struct end benchmark, peer;
    benchmark = (struct end) {.own = from_peer, .other = to_peer};
    peer = (struct end) {.own = to_peer, .other = from_peer};
    pid_t child = start_peer(echo, &peer);
    measure(round_trip, &benchmark);
    stop_peer(child);
    return 0;
}
