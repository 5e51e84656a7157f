#!/usr/bin/env bash
# The suite's round trips against a minimal C ping-pong of the same protocol, side by side.
#
# For each row (a mechanism and its wait), builds the C program beside this script with the
# system compiler (gcc), runs it (two processes, pinned as the suite's cross-core trials, 64-byte
# messages, 1 s warm-up and 3 s measured, each round trip timed), then runs the suite's own
# benchmark of that row from jmh/<module>/target/benchmarks.jar (one fork, the same warm-up and
# measured seconds), and prints p50 and p99 of both and their ratio, Java over C. The two run one
# after the other, so a busy machine moves both: read the ratios, not the figures.
#
# Usage: scripts/c-reference.sh [--repeat N] [ROW...]   (default: every row once; --list lists them)
# --repeat N runs each side N times, alternating, and prints the median of each figure: on a busy
# machine one run of either side can land in a bad moment.
# Needs: gcc, JAVA_HOME on a JDK 25, and the jars built (mvn -B package -DskipTests). JMH refuses to
# start while another JMH run holds /tmp/jmh.lock: run one at a time.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
sources="$here/c-reference"

# row | C program and its arguments | module | JMH benchmark pattern and params
rows=(
  "shm-SPIN|shm SPIN|shm|\\.ShmLatency\\. -p sync=SPIN -p layout=PADDED -p capacity=1 -p size=64"
  "shm-FUTEX|shm FUTEX|shm|\\.ShmLatency\\. -p sync=FUTEX -p layout=PADDED -p capacity=1 -p size=64"
  "shm-SEMAPHORE|shm SEMAPHORE|shm|\\.ShmLatency\\. -p sync=SEMAPHORE -p layout=PADDED -p capacity=1 -p size=64"
  "pipe-BLOCKING|fd pipe BLOCKING|pipe|\\.PipeLatency\\. -p wait=BLOCKING -p size=64"
  "pipe-BUSY_POLL|fd pipe BUSY_POLL|pipe|\\.PipeLatency\\. -p wait=BUSY_POLL -p size=64"
  "uds-BLOCKING|fd uds BLOCKING|uds|\\.UdsLatency\\. -p type=STREAM -p wait=BLOCKING -p size=64"
  "uds-BUSY_POLL|fd uds BUSY_POLL|uds|\\.UdsLatency\\. -p type=STREAM -p wait=BUSY_POLL -p size=64"
  "tcp-BLOCKING|fd tcp BLOCKING|tcp|\\.TcpLatency\\. -p nodelay=true -p wait=BLOCKING -p size=64"
  "tcp-BUSY_POLL|fd tcp BUSY_POLL|tcp|\\.TcpLatency\\. -p nodelay=true -p wait=BUSY_POLL -p size=64"
  "mqueue-POSIX|mq|mqueue|\\.MqueueLatency\\. -p api=POSIX -p wait=BLOCKING -p depth=1 -p size=64"
  "eventfd-BLOCKING|eventfd BLOCKING|eventfd|\\.EventfdCounterLatency\\. -p shape=COUNTER -p wait=BLOCKING"
  "eventfd-BUSY_POLL|eventfd BUSY_POLL|eventfd|\\.EventfdCounterLatency\\. -p shape=COUNTER -p wait=BUSY_POLL"
)

usage() {
  echo "usage: $0 [--repeat N] [ROW...]; rows: $(printf '%s\n' "${rows[@]}" | cut -d'|' -f1 | tr '\n' ' ')" >&2
  exit 2
}

if [[ "${1:-}" == "--list" ]]; then
  printf '%s\n' "${rows[@]}" | cut -d'|' -f1
  exit 0
fi
repeat=1
if [[ "${1:-}" == "--repeat" ]]; then
  [[ "${2:-}" =~ ^[1-9][0-9]?$ ]] || { echo "$0: --repeat takes a number of runs from 1 to 99, not '${2:-}'" >&2; usage; }
  repeat=$2
  shift 2
fi
wanted=("$@")
for row in "${wanted[@]}"; do
  printf '%s\n' "${rows[@]}" | cut -d'|' -f1 | grep -qx -- "$row" || { echo "$0: no row '$row'" >&2; usage; }
done
java="${JAVA_HOME:?set JAVA_HOME to a JDK 25, as for the build}/bin/java"
command -v gcc > /dev/null || { echo "$0: needs gcc, the system C compiler" >&2; exit 2; }

build=$(mktemp -d /tmp/ipcbench-$$-c-reference.XXXXXX)
trap 'rm -rf "$build"' EXIT
for program in shm fd mq eventfd; do
  gcc -O2 -Wall -Wextra -Werror -o "$build/$program" "$sources/$program.c" -lrt -lpthread
done

# p50 and p99 of one JMH run's round trip, from its CSV result
java_percentiles() {
  local module=$1 pattern=$2
  local jar="$root/jmh/$module/target/benchmarks.jar"
  [[ -f "$jar" ]] || { echo "$0: no $jar; build it with mvn -B package -DskipTests" >&2; exit 2; }
  # shellcheck disable=SC2086 # the params are words on purpose
  "$java" -jar "$jar" $pattern -f 1 -wi 1 -w 1s -i 3 -r 1s -rf csv -rff "$build/java.csv" > "$build/java.log" 2>&1 \
    || { echo "$0: the Java run failed; its output: $build/java.log" >&2; cat "$build/java.log" >&2; exit 1; }
  awk -F, '$1 ~ /:p0\.50"$/ { p50 = $5 } $1 ~ /:p0\.99"$/ { p99 = $5 } END { printf "%.0f %.0f\n", p50, p99 }' "$build/java.csv"
}

# the median of the numbers on standard input, one a line
median() {
  sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

echo "| row | C p50 | Java p50 | Java/C p50 | C p99 | Java p99 | Java/C p99 |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for entry in "${rows[@]}"; do
  IFS='|' read -r row program module pattern <<< "$entry"
  if (( ${#wanted[@]} > 0 )) && ! printf '%s\n' "${wanted[@]}" | grep -qx -- "$row"; then
    continue
  fi
  : > "$build/c.txt"
  : > "$build/java.txt"
  for (( run = 0; run < repeat; run++ )); do
    # shellcheck disable=SC2086
    "$build/"$program >> "$build/c.txt"
    java_percentiles "$module" "$pattern" >> "$build/java.txt"
  done
  c50=$(cut -d' ' -f1 "$build/c.txt" | median)
  c99=$(cut -d' ' -f2 "$build/c.txt" | median)
  j50=$(cut -d' ' -f1 "$build/java.txt" | median)
  j99=$(cut -d' ' -f2 "$build/java.txt" | median)
  awk -v row="$row" -v c50="$c50" -v c99="$c99" -v j50="$j50" -v j99="$j99" \
    'BEGIN { printf "| %s | %d ns | %d ns | %.2f | %d ns | %d ns | %.2f |\n", row, c50, j50, j50 / c50, c99, j99, j99 / c99 }'
done
