/*
 * POSIX message queues, BLOCKING: the suite's MqueueLatency (api=POSIX, depth=1) in C. Two queues,
 * one per direction, each holding one message of 64 bytes; mq_send and mq_receive, which keep
 * message boundaries, so nothing loops.
 */
#include "common.h"

#include <fcntl.h>
#include <mqueue.h>

struct end {
    mqd_t in, out;
    char buffer[MESSAGE_BYTES] __attribute__((aligned(4096)));
};

static void take(struct end *e) {
    if (mq_receive(e->in, e->buffer, MESSAGE_BYTES, NULL) != MESSAGE_BYTES) {
        die("mq_receive");
    }
}

static void echo(void *state) {
    struct end *e = state;
    for (;;) {
        take(e);
        if (mq_send(e->out, e->buffer, MESSAGE_BYTES, 0) != 0) {
            die("mq_send");
        }
    }
}

static void round_trip(void *state) {
    struct end *e = state;
    static char message[MESSAGE_BYTES] __attribute__((aligned(4096))) = "ipcbench";
    if (mq_send(e->out, message, MESSAGE_BYTES, 0) != 0) {
        die("mq_send");
    }
    take(e);
}

static mqd_t queue(const char *role) {
    char name[64];
    snprintf(name, sizeof name, "/ipcbench-%d-cref-%s", getpid(), role);
    struct mq_attr attributes = {.mq_maxmsg = 1, .mq_msgsize = MESSAGE_BYTES};
    mqd_t q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attributes);
    if (q == (mqd_t) -1) {
        die("mq_open");
    }
    mq_unlink(name); /* both processes keep the descriptor, inherited by fork */
    return q;
}

int main(void) {
    mqd_t to_peer = queue("to-peer"), from_peer = queue("from-peer");
    static struct end benchmark, peer;
    benchmark.out = peer.in = to_peer;
    benchmark.in = peer.out = from_peer;
    pid_t child = start_peer(echo, &peer);
    measure(round_trip, &benchmark);
    stop_peer(child);
    return 0;
}
