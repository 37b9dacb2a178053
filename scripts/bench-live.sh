#!/usr/bin/env bash
# How fast the live path (Jetstream WebSocket -> filter -> score -> SQLite) goes on this machine:
# a local Jetstream replays generated events as fast as it can. Usage:
# scripts/bench-live.sh [MODEL_DIR] [EVENTS] (defaults: models/tweets, 200000).
set -euo pipefail
cd "$(dirname "$0")/.."
model=${1:-models/tweets}
events=${2:-200000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# model, then app: the class path file is written by each module in turn and ends as the app's
mvn -q -B -DskipTests -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile="$tmp/cp.txt" >&2
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1 /proc/loadavg)"
java -Xmx2g -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "app/target/test-classes:app/target/classes:$(cat "$tmp/cp.txt")" io.deepsentiment.bench.LiveThroughputBenchmark \
  "$model" "$events"
