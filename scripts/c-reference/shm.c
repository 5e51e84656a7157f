/*
 * shm SPIN | FUTEX | SEMAPHORE: the suite's ShmLatency in C. Two rings in one shared mapping of a
 * /dev/shm file (benchmark to peer, and back), each laid out as the PADDED layout: the producer's
 * index and its waiter count on line 0, the consumer's on line 2, one 64-byte slot from line 4;
 * capacity 1. A message is copied into the slot, the index published with a release store; the
 * receiver waits for the index, copies the message out, releases the slot. The waits:
 * SPIN   acquire loads and PAUSE;
 * FUTEX  the suite's sleeping protocol (SleepingSync with FutexSync): a waiter that finds the
 *        index unchanged adds itself to the index's waiter count (a locked add), re-reads the index
 *        and sleeps in FUTEX_WAIT on its low 32 bits (200 ms bound); a mover stores its index
 *        (seq_cst) and calls FUTEX_WAKE only when the count is not zero;
 * SEMAPHORE  two named POSIX semaphores per ring, room and messages, sem_wait and sem_post.
 */
#include "common.h"

#include <fcntl.h>
#include <linux/futex.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define LINE 64
#define PUBLISHED 0
#define PUBLISHED_WAITERS 8
#define CONSUMED (2 * LINE)
#define CONSUMED_WAITERS (2 * LINE + 8)
#define SLOTS (4 * LINE)
#define RING_BYTES 4096

enum sync { SPIN, FUTEX, SEMAPHORE };

struct ring {
    char *base;
    sem_t *room;
    sem_t *messages;
};

struct end {
    enum sync sync;
    struct ring out, in;
    uint64_t written, read;
    char buffer[MESSAGE_BYTES] __attribute__((aligned(4096)));
};

static _Atomic uint64_t *word(struct ring *r, int offset) {
    return (_Atomic uint64_t *) (r->base + offset);
}

static _Atomic uint32_t *waiters(struct ring *r, int offset) {
    return (_Atomic uint32_t *) (r->base + offset);
}

static void await_above(struct ring *r, int index, int waiter_count, int64_t threshold, enum sync sync) {
    _Atomic uint64_t *watched = word(r, index);
    if (sync == SPIN) {
        while ((int64_t) atomic_load_explicit(watched, memory_order_acquire) <= threshold) {
            _mm_pause();
        }
        return;
    }
    if ((int64_t) atomic_load_explicit(watched, memory_order_acquire) > threshold) {
        return;
    }
    atomic_fetch_add(waiters(r, waiter_count), 1);
    struct timespec bound = {0, 200000000};
    for (int64_t seen; (seen = (int64_t) atomic_load(watched)) <= threshold;) {
        syscall(SYS_futex, (uint32_t *) watched, FUTEX_WAIT, (uint32_t) seen, &bound, NULL, 0);
    }
    atomic_fetch_sub(waiters(r, waiter_count), 1);
}

static void advance(struct ring *r, int index, int waiter_count, uint64_t next, enum sync sync) {
    if (sync == SPIN) {
        atomic_store_explicit(word(r, index), next, memory_order_release);
        return;
    }
    atomic_store(word(r, index), next);
    if (atomic_load(waiters(r, waiter_count)) != 0) {
        syscall(SYS_futex, (uint32_t *) word(r, index), FUTEX_WAKE, 1, NULL, NULL, 0);
    }
}

static void send(struct end *e, const char *message) {
    uint64_t i = e->written;
    if (e->sync == SEMAPHORE) {
        sem_wait(e->out.room);
    } else {
        await_above(&e->out, CONSUMED, CONSUMED_WAITERS, (int64_t) i - 1, e->sync); /* capacity 1 */
    }
    memcpy(e->out.base + SLOTS, message, MESSAGE_BYTES);
    if (e->sync == SEMAPHORE) {
        atomic_store_explicit(word(&e->out, PUBLISHED), i + 1, memory_order_release);
        sem_post(e->out.messages);
    } else {
        advance(&e->out, PUBLISHED, PUBLISHED_WAITERS, i + 1, e->sync);
    }
    e->written = i + 1;
}

static void receive(struct end *e, char *into) {
    uint64_t i = e->read;
    if (e->sync == SEMAPHORE) {
        sem_wait(e->in.messages);
    } else {
        await_above(&e->in, PUBLISHED, PUBLISHED_WAITERS, (int64_t) i, e->sync);
    }
    memcpy(into, e->in.base + SLOTS, MESSAGE_BYTES);
    if (e->sync == SEMAPHORE) {
        atomic_store_explicit(word(&e->in, CONSUMED), i + 1, memory_order_release);
        sem_post(e->in.room);
    } else {
        advance(&e->in, CONSUMED, CONSUMED_WAITERS, i + 1, e->sync);
    }
    e->read = i + 1;
}

static void echo(void *state) {
    struct end *e = state;
    for (;;) {
        receive(e, e->buffer);
        send(e, e->buffer);
    }
}

static void round_trip(void *state) {
    struct end *e = state;
    static char message[MESSAGE_BYTES] __attribute__((aligned(4096))) = "ipcbench";
    send(e, message);
    receive(e, e->buffer);
}

static sem_t *semaphore(const char *role, unsigned value) {
    char name[64];
    snprintf(name, sizeof name, "/ipcbench-%d-cref-%s", getpid(), role);
    sem_t *s = sem_open(name, O_CREAT | O_EXCL, 0600, value);
    if (s == SEM_FAILED) {
        die("sem_open");
    }
    sem_unlink(name); /* the mapping outlives the name, in both processes */
    return s;
}

int main(int argc, char **argv) {
    enum sync sync = argc > 1 && strcmp(argv[1], "FUTEX") == 0 ? FUTEX
                   : argc > 1 && strcmp(argv[1], "SEMAPHORE") == 0 ? SEMAPHORE : SPIN;
    if (argc < 2 || (sync == SPIN && strcmp(argv[1], "SPIN") != 0)) {
        die_message("usage: shm SPIN|FUTEX|SEMAPHORE");
    }
    char name[64];
    snprintf(name, sizeof name, "/ipcbench-%d-cref-rings", getpid());
    int fd = shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600);
    if (fd < 0 || ftruncate(fd, 2 * RING_BYTES) != 0) {
        die("shm_open");
    }
    char *memory = mmap(NULL, 2 * RING_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    shm_unlink(name);
    close(fd);
    if (memory == MAP_FAILED) {
        die("mmap");
    }
    struct ring to_peer = {memory, NULL, NULL}, from_peer = {memory + RING_BYTES, NULL, NULL};
    if (sync == SEMAPHORE) {
        to_peer.room = semaphore("to-room", 1);
        to_peer.messages = semaphore("to-messages", 0);
        from_peer.room = semaphore("from-room", 1);
        from_peer.messages = semaphore("from-messages", 0);
    }
    static struct end benchmark, peer;
    benchmark = (struct end) {.sync = sync, .out = to_peer, .in = from_peer};
    peer = (struct end) {.sync = sync, .out = from_peer, .in = to_peer};
    pid_t child = start_peer(echo, &peer);
    measure(round_trip, &benchmark);
    stop_peer(child);
    return 0;
}
