#!/usr/bin/env bash
# Tweets per second of the fine-tuned encoder in ONNX Runtime (as served) and in DJL's PyTorch
# engine, on the same 2,000 real tweets (SemEval-2016 test texts, read from ../shared/datasets at
# run time). Usage: scripts/bench-encoder-engines.sh [MODEL_DIR] (default models/tweets-accurate).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${DATASETS:-../shared/datasets}/semeval2017-task4a/twitter-2016test-A.tsv
model=${1:-models/tweets-accurate}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
head -n "${LINES_TO_SCORE:-2000}" "$data" | cut -f3 > "$tmp/tweets.txt"
# model, then app: the class path file is written by each module in turn and ends as the app's
mvn -q -B -DskipTests -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile="$tmp/cp.txt" >&2
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1 /proc/loadavg)"
java -Xmx4g -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "app/target/test-classes:app/target/classes:$(cat "$tmp/cp.txt")" io.deepsentiment.bench.EncoderEngineBenchmark \
  "$model" "$tmp/tweets.txt"
