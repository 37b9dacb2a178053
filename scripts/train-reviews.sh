#!/usr/bin/env bash
# Re-creates models/reviews exactly as shipped (see models/reviews/manifest.json for the recorded command).
set -euo pipefail
cd "$(dirname "$0")/.."
IMDB=${DATASETS:-../shared/datasets}/imdb/aclImdb_v1_labeled.tar.gz
exec ./deepsentiment train --name reviews --out models/reviews \
  --train "imdb:$IMDB?split=train" --dev-fraction 0.1 \
  --test "imdb:$IMDB?split=test" \
  REVIEWS_OPTIONS "$@"
