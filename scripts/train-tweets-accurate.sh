#!/usr/bin/env bash
# Re-creates models/tweets-accurate as shipped: e5-small-v2 (from its Maven artifact) with all 12
# layers fine-tuned on the SemEval 2013-2016 training files, early stopping on SemEval-2016 dev +
# devtest; then scores it once on SemEval-2016 test and records that in its manifest. The run
# checkpoints in runs/tweets-accurate/: if it is stopped, run this script again and it continues
# where it was (about 40 minutes in all on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
D=${DATASETS:-../shared/datasets}
S=$D/semeval2017-task4a
export DEEPSENTIMENT_JAVA_OPTS=${DEEPSENTIMENT_JAVA_OPTS:--Xmx16g}
./deepsentiment train --encoder e5-small-v2 --name tweets-accurate --out models/tweets-accurate \
  --train "semeval:$S/twitter-2013*.tsv,$S/twitter-2014*.tsv,$S/twitter-2015*.tsv,$S/twitter-2016train-A.tsv" \
  --dev "semeval:$S/twitter-2016dev-A.tsv,$S/twitter-2016devtest-A.tsv" \
  --train-layers 12 --epochs 2 --learning-rate 3e-5 --patience 8 "$@"
./deepsentiment evaluate --model models/tweets-accurate --data "semeval:$S/twitter-2016test-A.tsv" --record test \
  --json models/tweets-accurate/evaluation-test.json
