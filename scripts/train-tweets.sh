#!/usr/bin/env bash
# Re-creates models/tweets exactly as shipped (see models/tweets/manifest.json for the recorded command).
set -euo pipefail
cd "$(dirname "$0")/.."
D=${DATASETS:-../shared/datasets}
S=$D/semeval2017-task4a
S140="s140:$D/sentiment140-100k/positive.txt,$D/sentiment140-100k/negative.txt"
exec ./deepsentiment train --name tweets --out models/tweets \
  --train "semeval:$S/twitter-2013*.tsv,$S/twitter-2014*.tsv,$S/twitter-2015*.tsv,$S/twitter-2016train-A.tsv" \
  --dev "semeval:$S/twitter-2016dev-A.tsv,$S/twitter-2016devtest-A.tsv" \
  --test "semeval:$S/twitter-2016test-A.tsv" \
  TWEETS_OPTIONS "$@"
