/*
 * What every C reference ping-pong shares: pinning as the suite's cross-core trials pin (the
 * benchmark side on the first CPU this process may use, the peer on the first CPU of another
 * physical core), the peer forked as a second process, and round trips timed one by one with
 * CLOCK_MONOTONIC around each (as JMH's SampleTime reads System.nanoTime around a sampled
 * operation), one second of warm-up, then three measured seconds, into a histogram whose p50 and
 * p99 are printed as "p50_ns p99_ns round_trips".
 */
#ifndef IPCBENCH_C_REFERENCE_COMMON_H
#define IPCBENCH_C_REFERENCE_COMMON_H

#define _GNU_SOURCE
#include <errno.h>
#include <immintrin.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MESSAGE_BYTES 64
#define WARMUP_SECONDS 1
#define MEASURED_SECONDS 3
/* 1 ns buckets up to 1 ms, then 1 µs buckets up to 1 s: exact enough for any percentile here */
#define FINE_BUCKETS 1000000
#define COARSE_BUCKETS 1000000

static void die(const char *what) {
    fprintf(stderr, "c-reference: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void die_message(const char *what) {
    fprintf(stderr, "c-reference: %s\n", what);
    exit(1);
}

static long read_long(const char *path) {
    FILE *f = fopen(path, "r");
    long value = -1;
    if (f != NULL) {
        if (fscanf(f, "%ld", &value) != 1) {
            value = -1;
        }
        fclose(f);
    }
    return value;
}

/* "package:core" of a CPU as one number; a CPU without topology files is its own core */
static long core_of(int cpu) {
    char path[128];
    snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%d/topology/physical_package_id", cpu);
    long package = read_long(path);
    snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%d/topology/core_id", cpu);
    long core = read_long(path);
    return package < 0 || core < 0 ? -1 - cpu : package * 100000 + core;
}

/* Pinning.CROSS_CORE: the first allowed CPU, and the first allowed one on another physical core */
static void cross_core(int *benchmark, int *peer) {
    cpu_set_t allowed;
    if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) {
        die("sched_getaffinity");
    }
    *benchmark = -1;
    *peer = -1;
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
        if (!CPU_ISSET(cpu, &allowed)) {
            continue;
        }
        if (*benchmark < 0) {
            *benchmark = cpu;
        } else if (*peer < 0 && core_of(cpu) != core_of(*benchmark)) {
            *peer = cpu;
        }
    }
    if (*peer < 0) {
        die_message("cross-core pinning needs CPUs on two physical cores");
    }
}

static void pin(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) {
        die("sched_setaffinity");
    }
}

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t) t.tv_sec * 1000000000u + (uint64_t) t.tv_nsec;
}

/* Forks the peer, pinned, running serve() until killed; pins this process as the benchmark side. */
static pid_t start_peer(void (*serve)(void *), void *state) {
    int benchmark, peer;
    cross_core(&benchmark, &peer);
    pid_t parent = getpid();
    pid_t child = fork();
    if (child < 0) {
        die("fork");
    }
    if (child == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) {
            _exit(0);
        }
        pin(peer);
        serve(state);
        _exit(0);
    }
    pin(benchmark);
    return child;
}

static void stop_peer(pid_t child) {
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
}

static double percentile(const uint32_t *fine, const uint32_t *coarse, uint64_t count, double percent) {
    uint64_t rank = (uint64_t) (percent / 100.0 * (double) (count - 1)), seen = 0;
    for (uint64_t i = 0; i < FINE_BUCKETS; i++) {
        seen += fine[i];
        if (seen > rank) {
            return (double) i;
        }
    }
    for (uint64_t i = 0; i < COARSE_BUCKETS; i++) {
        seen += coarse[i];
        if (seen > rank) {
            return (double) i * 1000.0;
        }
    }
    return 1e9;
}

/* Times round_trip() one call at a time: a warm-up, then the measured seconds; prints p50, p99, count. */
static void measure(void (*round_trip)(void *), void *state) {
    uint32_t *fine = calloc(FINE_BUCKETS, sizeof *fine);
    uint32_t *coarse = calloc(COARSE_BUCKETS, sizeof *coarse);
    if (fine == NULL || coarse == NULL) {
        die("calloc");
    }
    for (uint64_t end = now_ns() + WARMUP_SECONDS * 1000000000ull; now_ns() < end;) {
        round_trip(state);
    }
    uint64_t count = 0;
    for (uint64_t end = now_ns() + MEASURED_SECONDS * 1000000000ull;;) {
        uint64_t start = now_ns();
        round_trip(state);
        uint64_t took = now_ns() - start;
        if (took < FINE_BUCKETS) {
            fine[took]++;
        } else {
            coarse[took / 1000 < COARSE_BUCKETS ? took / 1000 : COARSE_BUCKETS - 1]++;
        }
        count++;
        if (start > end) {
            break;
        }
    }
    printf("%.0f %.0f %lu\n", percentile(fine, coarse, count, 50.0), percentile(fine, coarse, count, 99.0), (unsigned long) count);
    free(fine);
    free(coarse);
}

#endif
