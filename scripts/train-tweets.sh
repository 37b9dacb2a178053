#!/usr/bin/env bash
# Re-creates models/tweets as shipped: the fast CNN, distilled from models/tweets-accurate (its
# teacher) on the SemEval training files, the Sentiment140 sample and 80% of the Tweet Sentiment
# Extraction and airline tweets (hash buckets 0-79; buckets 80-99 are kept back as checks from
# other sources). Then scores it once on SemEval-2016 test and records that in its manifest.
# The training command is also recorded in models/tweets/manifest.json (training.command).
# The teacher's scores (about 15 minutes) are cached in runs/teacher/: a stopped run continues.
set -euo pipefail
cd "$(dirname "$0")/.."
D=${DATASETS:-../shared/datasets}
S=$D/semeval2017-task4a
S140="s140:$D/sentiment140-100k/positive.txt,$D/sentiment140-100k/negative.txt"
./deepsentiment train --name tweets --out models/tweets \
  --train "semeval:$S/twitter-2013*.tsv,$S/twitter-2014*.tsv,$S/twitter-2015*.tsv,$S/twitter-2016train-A.tsv" \
  --dev "semeval:$S/twitter-2016dev-A.tsv,$S/twitter-2016devtest-A.tsv" \
  --skip-gram --teacher tweets-accurate --transfer "$S140" \
  --transfer "csv:$D/tweet-sentiment-extraction/train.csv?text=text&label=sentiment&buckets=0-79" \
  --transfer "csv:$D/airline-tweets/Tweets.csv?text=text&label=airline_sentiment&buckets=0-79" \
  --teacher-weight 1.0 --epochs 8 --patience 2 --negation "$@"
./deepsentiment evaluate --model models/tweets --data "semeval:$S/twitter-2016test-A.tsv" --record test \
  --json models/tweets/evaluation-test.json
