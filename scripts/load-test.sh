#!/usr/bin/env bash
# Load test of the HTTP service (`serve`) with wrk, on real tweets: single-tweet requests and
# 32-tweet batches, each at 1, 16 and 64 connections. Prints a Markdown table for the README.
#
#   scripts/load-test.sh
#
# Environment (all optional):
#   DATASETS      datasets folder (default ../shared/datasets from the repository root); the
#                 tweets are read from it at run time and never copied into the repository
#   TWEETS_FILE   SemEval TSV to post (default $DATASETS/semeval2017-task4a/twitter-2016test-A.tsv)
#   TWEETS        how many tweets to load and rotate through (default 2000)
#   DURATION      length of each measured run (default 15s); WARMUP before each kind (default 5s)
#   CONNECTIONS   connection counts (default "1 16 64"); BATCHES texts per request (default "1 32")
#   WRK_THREADS   wrk threads (default 1: wrk shares the cores with the server, and one thread
#                 keeps 64 connections busy at these rates)
#   MODEL         the model every request names (default: none, the server's default)
#   SERVE_OPTS    extra `serve` options, e.g. "--max-batch 128 --max-wait-ms 1"
#   JAVA_OPTS     JVM options of the server (default -Xmx2g)
#   SERVER_LOG    keep the server's log (access log included) in this file; default: deleted
#   JAR           a jar to test; otherwise $BUILD_DIR/deepsentiment.jar (BUILD_DIR default
#                 target), built with Maven when missing or older than the sources
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

datasets=${DATASETS:-../shared/datasets}
tweets_file=${TWEETS_FILE:-$datasets/semeval2017-task4a/twitter-2016test-A.tsv}
tweets=${TWEETS:-2000}
duration=${DURATION:-15s}
warmup=${WARMUP:-5s}
connections=${CONNECTIONS:-1 16 64}
batches=${BATCHES:-1 32}
wrk_threads=${WRK_THREADS:-1}
serve_opts=${SERVE_OPTS:-}
model=${MODEL:-}
java_opts=${JAVA_OPTS:--Xmx2g}
build_dir=${BUILD_DIR:-target}
jar=${JAR:-$root/app/$build_dir/deepsentiment.jar}
lua="$root/scripts/load-test/sentiment.lua"

if [ ! -r "$tweets_file" ]; then
  echo "error: no tweets at $tweets_file (set DATASETS or TWEETS_FILE; see README, Get the data)" >&2
  exit 2
fi

# wrk: Debian packages it, and the Debian mirror is reachable where the rest of the internet is not.
if ! command -v wrk > /dev/null; then
  echo "installing wrk ..." >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2
fi

# The jar: same staleness rule as the ./deepsentiment launcher.
if [ -z "${JAR:-}" ] && { [ ! -f "$jar" ] || [ -n "$(find pom.xml model/pom.xml model/src/main app/pom.xml app/src/main -newer "$jar" -print -quit)" ]; }; then
  echo "building $jar ..." >&2
  mvn -q -B -DskipTests -DbuildDir="$build_dir" -pl app -am package >&2
fi

work=$(mktemp -d)
server_log=${SERVER_LOG:-$work/server.log}
server_pid=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2> /dev/null; then
    kill "$server_pid"            # SIGTERM: the server finishes requests in flight, then exits
    wait "$server_pid" 2> /dev/null || true
  fi
  rm -rf "$work"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

# The cores are shared: note how busy the machine already was, so a noisy table can be told apart.
load_before=$(cut -d" " -f1 /proc/loadavg)

# --rate-limit 0: the limit is per client address, and wrk is one client (127.0.0.1) standing in
# for many; with the default 100 requests/s most requests would be 429 and we would measure the
# limiter, not the service. --port 0: the server picks a free port and logs it, so no race with
# other processes over a port we guessed. The server runs from the repository root, where it
# finds models/; its SQLite file for hashtag analyses (unused here) goes to the scratch folder.
# shellcheck disable=SC2086  # JAVA_OPTS and SERVE_OPTS are lists of words
java $java_opts -Dai.djl.offline=true -jar "$jar" serve --port 0 --rate-limit 0 --db-file "$work/load-test.db" $serve_opts \
  > "$server_log" 2>&1 &
server_pid=$!

fail() {
  echo "error: $1; server log:" >&2
  tail -n 30 "$server_log" >&2
  exit 1
}

port=""
for _ in $(seq 1 600); do
  port=$(grep -oE 'listening on port [0-9]+' "$server_log" | grep -oE '[0-9]+$' || true)
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2> /dev/null || fail "the server stopped"
  sleep 0.1
done
[ -n "$port" ] || fail "the server did not open a port in 60 s"
base="http://127.0.0.1:$port"

# The port opens at once; /readyz answers 200 when the models are loaded (about 7 s).
for _ in $(seq 1 1200); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz")" = 200 ] && break
  kill -0 "$server_pid" 2> /dev/null || fail "the server stopped"
  sleep 0.1
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz")" = 200 ] || fail "not ready after 120 s"
echo "server ready on $base" >&2

# One wrk run; prints the RESULT line of sentiment.lua. --timeout 10s: a queued 32-tweet batch at
# 64 connections can wait over wrk's default 2 s, which would count as an error, not a latency.
run_wrk() { # batch connections duration
  local threads=$(( $2 < wrk_threads ? $2 : wrk_threads ))
  LOADTEST_TWEETS="$tweets_file" LOADTEST_LIMIT="$tweets" LOADTEST_BATCH="$1" LOADTEST_MODEL="$model" \
    wrk -t "$threads" -c "$2" -d "$3" --timeout 10s -s "$lua" "$base/api/v1/sentiment" > "$work/wrk.out" 2>&1 \
    || { cat "$work/wrk.out" >&2; fail "wrk failed"; }
  sed -n 's/^STATUSES\t/  answers by status: /p' "$work/wrk.out" >&2
  grep '^RESULT' "$work/wrk.out" || { cat "$work/wrk.out" >&2; fail "wrk printed no result"; }
}

rows=()
for batch in $batches; do
  # Warm-up (not reported): JIT compilation and first allocations would otherwise land in the
  # first measured run.
  run_wrk "$batch" 16 "$warmup" > /dev/null
  for c in $connections; do
    echo "batch $batch, $c connections, $duration ..." >&2
    result=$(run_wrk "$batch" "$c" "$duration")
    IFS=$'\t' read -r _ total rps texts p50 p99 p999 ok shed other socket timeouts <<< "$result"
    if [ "$batch" = 1 ]; then kind="1 tweet"; else kind="$batch tweets"; fi
    rows+=("| $kind | $c | $rps | $texts | $p50 | $p99 | $p999 | $total | $shed | $(( other + socket )) |")
    [ "$timeouts" = 0 ] || echo "  ($timeouts of the errors were wrk timeouts after 10 s)" >&2
  done
done

load_after=$(cut -d" " -f1 /proc/loadavg)
cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
memory=$(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)
java_version=$(java -version 2>&1 | head -n 1)
echo
echo "Machine: $(nproc) cores ($cpu), $memory RAM, $java_version; wrk $(wrk -v 2>&1 | head -n 1 | awk '{print $2}')" \
  "(threads: $wrk_threads) on the same machine, sharing the cores with the server;" \
  "1-minute load average $load_before before the runs, $load_after after."
echo "Server: \`serve --rate-limit 0${serve_opts:+ $serve_opts}\`, $java_opts, model ${model:-the default};" \
  "$duration per row after a $warmup warm-up; tweets rotated from the first $tweets of $(basename "$tweets_file")."
echo
echo "| request | connections | requests/s | texts/s | p50 ms | p99 ms | p99.9 ms | requests | 429/503 | other errors |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "texts/s counts texts in 2xx answers only; latencies cover all answered requests;" \
  "'other errors' are non-2xx statuses other than 429/503 plus socket errors and timeouts."
