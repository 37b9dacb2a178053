#!/usr/bin/env bash
# Re-creates models/reviews as shipped, then scores it once on the IMDB test set and records that in
# its manifest. The training command is also recorded in models/reviews/manifest.json (training.command).
set -euo pipefail
cd "$(dirname "$0")/.."
IMDB=${DATASETS:-../shared/datasets}/imdb/aclImdb_v1_labeled.tar.gz
./deepsentiment train --name reviews --out models/reviews \
  --train "imdb:$IMDB?split=train" --dev-fraction 0.1 \
  --skip-gram --max-tokens 600 --mean-pooling --max-vocabulary 40000 --min-count 2 --ngram-buckets 262144 \
  --epochs 5 --patience 2 "$@"
./deepsentiment evaluate --model models/reviews --data "imdb:$IMDB?split=test" --record test \
  --json models/reviews/evaluation-test.json
