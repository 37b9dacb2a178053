#!/usr/bin/env bash
# Throughput of `predict` on 10,000 real tweets (LINES_TO_SCORE) (SemEval-2016 test texts, read from ../shared/datasets,
# written to a temporary file that is deleted afterwards). Prints end-to-end and per-stage rates.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${DATASETS:-../shared/datasets}/semeval2017-task4a/twitter-2016test-A.tsv
model=${1:-tweets}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# LINES_TO_SCORE: fewer for the slow model (tweets-accurate scores about a hundred tweets a second)
head -n "${LINES_TO_SCORE:-10000}" "$data" | cut -f3 > "$tmp/tweets.txt"
./deepsentiment --version > /dev/null   # build the jar first if needed, outside the measurement
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
for run in 1 2 3; do
  start=$(date +%s.%N)
  ./deepsentiment predict --model "$model" --input "$tmp/tweets.txt" --stats > "$tmp/out.jsonl" 2> "$tmp/stats.txt"
  end=$(date +%s.%N)
  lines=$(wc -l < "$tmp/out.jsonl")
  echo "run $run: $lines predictions; whole command (JVM start, model load, predict) $(echo "$end - $start" | bc) s; $(grep texts "$tmp/stats.txt")"
done
