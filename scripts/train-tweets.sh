#!/usr/bin/env bash
# Re-creates models/tweets as shipped, then scores it once on SemEval-2016 test and records that in
# its manifest. The training command is also recorded in models/tweets/manifest.json (training.command).
set -euo pipefail
cd "$(dirname "$0")/.."
D=${DATASETS:-../shared/datasets}
S=$D/semeval2017-task4a
S140="s140:$D/sentiment140-100k/positive.txt,$D/sentiment140-100k/negative.txt"
./deepsentiment train --name tweets --out models/tweets \
  --train "semeval:$S/twitter-2013*.tsv,$S/twitter-2014*.tsv,$S/twitter-2015*.tsv,$S/twitter-2016train-A.tsv" \
  --dev "semeval:$S/twitter-2016dev-A.tsv,$S/twitter-2016devtest-A.tsv" \
  --skip-gram --pretrain "$S140" --distant "$S140" --distant-epochs 1 --epochs 8 --negation "$@"
./deepsentiment evaluate --model models/tweets --data "semeval:$S/twitter-2016test-A.tsv" --record test \
  --json models/tweets/evaluation-test.json
