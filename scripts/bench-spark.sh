#!/usr/bin/env bash
# Rows/s of bulk scoring, 100,000 tweets (the Sentiment140 sample, read from ../shared/datasets and
# written to a temporary folder that is deleted afterwards), measured one after the other in one
# run: `predict` in one process, `score` on Spark local[2], and `score` submitted to a standalone
# cluster of two workers x 1 core on this machine (scripts/spark-cluster.sh). Prints a Markdown
# table for the README.
#
#   scripts/bench-spark.sh            (environment, optional: DATASETS, ROWS, MODEL, PORT)
#
# "scoring" is the job's own rows/s: from the first task to the last row written (predict: from the
# model loaded to the last line written); "whole command" adds the JVM, Spark and model start.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
datasets=${DATASETS:-../shared/datasets}
rows=${ROWS:-100000}
model=${MODEL:-tweets}
port=${PORT:-7177}
tmp=$(mktemp -d)
cleanup() {
  scripts/spark-cluster.sh stop "$tmp/cluster" 2>/dev/null || true
  find "$tmp" -type l -delete 2>/dev/null || true   # the cluster's SPARK_HOME links into ~/.m2
  rm -rf "$tmp"
}
trap cleanup EXIT

cat "$datasets/sentiment140-100k/positive.txt" "$datasets/sentiment140-100k/negative.txt" | head -n "$rows" \
  > "$tmp/tweets.txt"
mkdir "$tmp/posts"
# CSV: every text quoted, quotes doubled; 4 files, so that both workers get partitions to score
awk -v dir="$tmp/posts" 'NR == 1 { for (f = 0; f < 4; f++) print "id,text" > (dir "/part-" f ".csv") }
  { gsub(/"/, "\"\""); print NR ",\"" $0 "\"" > (dir "/part-" (NR % 4) ".csv") }' "$tmp/tweets.txt"
./deepsentiment --version > /dev/null          # build both jars first, outside the measurements
./deepsentiment-spark --version > /dev/null 2>&1
lines=$(wc -l < "$tmp/tweets.txt")
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); $lines tweets, model $model"

seconds() { echo "$2 - $1" | bc; }
json_field() { sed -n "s/.*\"$2\":\([0-9.]*\).*/\1/p" "$1"; }

start=$(date +%s.%N)
./deepsentiment predict --model "$model" --input "$tmp/tweets.txt" --stats > "$tmp/predict.jsonl" 2> "$tmp/predict.err"
predict_whole=$(seconds "$start" "$(date +%s.%N)")
predict_rate=$(sed -n 's/.*: \([0-9]*\) texts\/s end to end.*/\1/p' "$tmp/predict.err")

start=$(date +%s.%N)
./deepsentiment-spark score --master 'local[2]' --input "$tmp/posts" --format csv --text-column text --id-column id \
  --model "$model" --output "$tmp/local" > "$tmp/local.json" 2> "$tmp/local.err"
local_whole=$(seconds "$start" "$(date +%s.%N)")

scripts/spark-cluster.sh start "$tmp/cluster" 2 1 "$port" > /dev/null
start=$(date +%s.%N)
EXECUTOR_MEMORY=2g DRIVER_MEMORY=2g scripts/spark-cluster.sh submit "$tmp/cluster" \
  score --input "$tmp/posts" --format csv --text-column text --id-column id --model "$model" --output "$tmp/cluster-out" \
  > "$tmp/cluster.json" 2> "$tmp/cluster.err"
cluster_whole=$(seconds "$start" "$(date +%s.%N)")

local_rate=$(json_field "$tmp/local.json" rowsPerSecond)
cluster_rate=$(json_field "$tmp/cluster.json" rowsPerSecond)
echo
ratio() { printf '%.2f' "$(echo "scale=4; $1 / $predict_rate" | bc)"; }
echo "| $lines tweets, $(nproc) cores | scoring, rows/s | whole command, s | vs predict |"
echo "|---|---:|---:|---:|"
printf '| `predict`, one process | %s | %.1f | 1.00 |\n' "$predict_rate" "$predict_whole"
printf '| `score`, Spark local[2] | %s | %.1f | %s |\n' "$local_rate" "$local_whole" "$(ratio "$local_rate")"
printf '| `score`, standalone cluster, 2 workers x 1 core | %s | %.1f | %s |\n' "$cluster_rate" "$cluster_whole" \
  "$(ratio "$cluster_rate")"
echo
echo "per executor core on the cluster: $(echo "$cluster_rate / 2" | bc) rows/s"
