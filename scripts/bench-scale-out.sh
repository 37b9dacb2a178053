#!/usr/bin/env bash
# Single-tweet requests/s through nginx (deploy/nginx/deepsentiment.conf) to one and to two
# `serve` instances on this machine, beside one instance called directly, measured one after the
# other in one run with wrk. Prints a Markdown table for the README.
#
#   scripts/bench-scale-out.sh
#
# Environment (all optional): DATASETS, TWEETS_FILE, TWEETS, DURATION (default 15s), WARMUP
# (default 5s), CONNECTIONS (default 16), MODEL (default tweets), JAVA_OPTS (default -Xmx2g), JAR.
# Scoring threads: the single instance gets one per core (the default); each of two instances
# gets half, so that every setup runs as many scoring threads as there are cores. Single-tweet
# requests do not touch the database, so each instance keeps its own scratch SQLite file.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
datasets=${DATASETS:-../shared/datasets}
tweets_file=${TWEETS_FILE:-$datasets/semeval2017-task4a/twitter-2016test-A.tsv}
tweets=${TWEETS:-2000}
duration=${DURATION:-15s}
warmup=${WARMUP:-5s}
connections=${CONNECTIONS:-16}
model=${MODEL:-tweets}
java_opts=${JAVA_OPTS:--Xmx2g}
jar=${JAR:-$root/app/target/deepsentiment.jar}
lua="$root/scripts/load-test/sentiment.lua"
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -r "$tweets_file" ] || { echo "error: no tweets at $tweets_file" >&2; exit 2; }
[ -x "$nginx" ] || { echo "error: nginx is not installed (apt-get install nginx-light)" >&2; exit 2; }
command -v wrk > /dev/null || { echo "error: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
if [ -z "${JAR:-}" ] && { [ ! -f "$jar" ] || [ -n "$(find pom.xml model/pom.xml model/src/main app/pom.xml app/src/main -newer "$jar" -print -quit)" ]; }; then
  echo "building $jar ..." >&2
  mvn -q -B -DskipTests -pl app -am package >&2
fi

work=$(mktemp -d)
pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2> /dev/null || true; done
  rm -rf "$work"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cores=$(nproc)

start_instance() { # name port workers
  # shellcheck disable=SC2086
  java $java_opts -Dai.djl.offline=true -jar "$jar" serve --host 127.0.0.1 --port "$2" --models "$model" \
    --rate-limit 0 --workers "$3" --db-file "$work/$1.db" > "$work/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 1200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$2/readyz")" = 200 ] && return 0
    sleep 0.1
  done
  echo "error: instance $1 not ready; its log:" >&2; tail -n 20 "$work/$1.log" >&2; exit 1
}

start_nginx() { # name front-port upstream-port...
  local name=$1 front=$2; shift 2
  local dir="$work/nginx-$name" upstreams=""
  mkdir -p "$dir/temp"
  for p in "$@"; do upstreams+="    server 127.0.0.1:$p max_fails=1 fail_timeout=3s;\n"; done
  # the repository's site file, with this run's ports
  sed -e '/server 127.0.0.1:808[12]/d' -e "s/listen 127.0.0.1:8080/listen 127.0.0.1:$front/" \
      -e "s/^upstream deepsentiment {/upstream deepsentiment {\n$upstreams/" deploy/nginx/deepsentiment.conf > "$dir/site.conf"
  cat > "$dir/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $dir/temp/body; proxy_temp_path $dir/temp/proxy; fastcgi_temp_path $dir/temp/fastcgi;
  uwsgi_temp_path $dir/temp/uwsgi; scgi_temp_path $dir/temp/scgi;
  include $dir/site.conf;
}
CONF
  "$nginx" -p "$dir" -c "$dir/nginx.conf" > "$dir/out.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$front/healthz" && return 0
    sleep 0.1
  done
  echo "error: nginx did not start:" >&2; cat "$dir/out.log" "$dir/error.log" >&2; exit 1
}

run_wrk() { # url duration
  LOADTEST_TWEETS="$tweets_file" LOADTEST_LIMIT="$tweets" LOADTEST_BATCH=1 LOADTEST_MODEL="$model" \
    wrk -t 1 -c "$connections" -d "$2" --timeout 10s -s "$lua" "$1/api/v1/sentiment" > "$work/wrk.out" 2>&1 \
    || { cat "$work/wrk.out" >&2; exit 1; }
  grep '^RESULT' "$work/wrk.out"
}

load_before=$(cut -d" " -f1 /proc/loadavg)
pa=$(free_port); pb=$(free_port); n1=$(free_port); n2=$(free_port)
half=$(( cores / 2 > 0 ? cores / 2 : 1 ))
rows=()
measure() { # label url
  run_wrk "$2" "$warmup" > /dev/null
  echo "$1, $connections connections, $duration ..." >&2
  IFS=$'\t' read -r _ total rps texts p50 p99 p999 ok shed other socket timeouts <<< "$(run_wrk "$2" "$duration")"
  rows+=("| $1 | $rps | $p50 | $p99 | $total | $shed | $(( other + socket )) |")
}

start_instance one "$pa" "$cores"
measure "one instance ($cores scoring threads), called directly" "http://127.0.0.1:$pa"
start_nginx one "$n1" "$pa"
measure "nginx -> the same instance" "http://127.0.0.1:$n1"
kill "${pids[0]}" "${pids[1]}"; wait "${pids[0]}" "${pids[1]}" 2> /dev/null || true; pids=()
start_instance a "$pa" "$half"
start_instance b "$pb" "$half"
start_nginx two "$n2" "$pa" "$pb"
measure "nginx -> two instances ($half scoring thread(s) each), round-robin" "http://127.0.0.1:$n2"
load_after=$(cut -d" " -f1 /proc/loadavg)

cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo
echo "Machine: $cores cores ($cpu); nginx $("$nginx" -v 2>&1 | sed 's/.*nginx\///'), wrk (1 thread, $connections connections)" \
  "and the instances share the cores; model $model; $duration per row after a $warmup warm-up;" \
  "1-minute load average $load_before before, $load_after after."
echo
echo "| setup | requests/s | p50 ms | p99 ms | requests | 429/503 | other errors |"
echo "|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
