#!/usr/bin/env bash
# fastText baselines on the same splits as the shipped models (Debian's `fasttext`, installed if missing).
# Hyper-parameters are chosen on the development set only; the test set is scored once with the chosen ones.
# Usage: scripts/fasttext-baseline.sh [tweets|reviews|all]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v fasttext >/dev/null || { sudo -n true 2>/dev/null && S=sudo || S=; $S apt-get update -qq && $S apt-get install -y -qq fasttext; }
D=${DATASETS:-../shared/datasets}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
which=${1:-all}

# text -> fastText line: lower-case, <br /> and &amp; decoded, punctuation split off
normalise() { sed -e 's/<br *\/\?>/ /g' -e 's/&amp;/\&/g' -e 's/\\u2019/'"'"'/g' -e 's/\\u002c/,/g' \
  -e 's/\([.,!?;:()"]\)/ \1 /g' | tr '[:upper:]' '[:lower:]'; }

# macro-averaged recall (AvgRec), accuracy: gold and predicted labels, one per line
score() { paste "$1" "$2" | awk '{n++; g[$1]++; p[$2]++; if ($1==$2) {c++; r[$1]++}} END {for (l in g) {s+=r[l]/g[l]; k++}; pp="__label__positive"; nn="__label__negative"; f1p=(p[pp]+g[pp]>0)?2*r[pp]/(p[pp]+g[pp]):0; f1n=(p[nn]+g[nn]>0)?2*r[nn]/(p[nn]+g[nn]):0; printf "accuracy %.4f AvgRec %.4f F1-PN %.4f\n", c/n, s/k, (f1p+f1n)/2}'; }

run_grid() { # train dev test -> best dev setting, then test score
  local train=$1 dev=$2 test=$3 best="" bestScore=0
  cut -d' ' -f1 "$dev" > "$tmp/dev.gold"; cut -d' ' -f1 "$test" > "$tmp/test.gold"
  for ngrams in 1 2; do for epoch in 5 10 20; do for lr in 0.1 0.5; do
    fasttext supervised -input "$train" -output "$tmp/m" -wordNgrams $ngrams -epoch $epoch -lr $lr -dim 100 \
      -bucket 2000000 -thread 2 -seed 42 -verbose 0
    fasttext predict "$tmp/m.bin" <(cut -d' ' -f2- "$dev") > "$tmp/dev.pred"
    s=$(score "$tmp/dev.gold" "$tmp/dev.pred"); echo "  dev wordNgrams=$ngrams epoch=$epoch lr=$lr: $s"
    metric=$(echo "$s" | awk -v m="$METRIC" '{for (i=1;i<NF;i++) if ($i==m) print $(i+1)}')
    if awk -v a="$metric" -v b="$bestScore" 'BEGIN{exit !(a>b)}'; then bestScore=$metric; best="$ngrams $epoch $lr"; fi
  done; done; done
  set -- $best
  fasttext supervised -input "$train" -output "$tmp/m" -wordNgrams $1 -epoch $2 -lr $3 -dim 100 -bucket 2000000 -thread 2 -seed 42 -verbose 0
  fasttext predict "$tmp/m.bin" <(cut -d' ' -f2- "$test") > "$tmp/test.pred"
  echo "best on dev ($METRIC $bestScore): wordNgrams=$1 epoch=$2 lr=$3 -> TEST $(score "$tmp/test.gold" "$tmp/test.pred")"
}

if [ "$which" = tweets ] || [ "$which" = all ]; then
  S=$D/semeval2017-task4a
  # ids of dev and test tweets are kept out of training; duplicate ids keep their first occurrence
  cat $S/twitter-2016test-A.tsv $S/twitter-2016dev-A.tsv $S/twitter-2016devtest-A.tsv | cut -f1 > "$tmp/heldout.ids"
  fmt() { local skipfile=$1; shift; awk -F'\t' -v OFS=' ' -v skipfile="$skipfile" 'FILENAME==skipfile {skip[$1]=1; next} !($1 in skip) && !($1 in seen) && NF>=3 {seen[$1]=1; print "__label__" $2, $3}' "$skipfile" "$@"; }
  : > "$tmp/none.ids"
  fmt "$tmp/none.ids" $S/twitter-2016test-A.tsv | normalise > "$tmp/t.test"
  fmt "$tmp/none.ids" $S/twitter-2016dev-A.tsv $S/twitter-2016devtest-A.tsv | normalise > "$tmp/t.dev"
  fmt "$tmp/heldout.ids" $S/twitter-2013*.tsv $S/twitter-2014*.tsv $S/twitter-2015*.tsv $S/twitter-2016train-A.tsv | normalise > "$tmp/t.train"
  echo "tweets: $(wc -l < "$tmp/t.train") train, $(wc -l < "$tmp/t.dev") dev, $(wc -l < "$tmp/t.test") test"
  METRIC=AvgRec run_grid "$tmp/t.train" "$tmp/t.dev" "$tmp/t.test"
fi

if [ "$which" = reviews ] || [ "$which" = all ]; then
  tar xzf $D/imdb/aclImdb_v1_labeled.tar.gz -C "$tmp"
  for split in train test; do
    for l in pos neg; do
      label=$([ $l = pos ] && echo positive || echo negative)
      awk -v L=$label '{print "__label__" L, $0}' "$tmp"/aclImdb/$split/$l/*.txt
    done | normalise > "$tmp/r.$split.all"
  done
  # the same kind of split as the shipped model: 10% of train held out as dev (shuffled with a fixed seed)
  shuf --random-source=<(yes) "$tmp/r.train.all" > "$tmp/r.shuf"
  head -n 2500 "$tmp/r.shuf" > "$tmp/r.dev"; tail -n +2501 "$tmp/r.shuf" > "$tmp/r.train"
  echo "reviews: $(wc -l < "$tmp/r.train") train, $(wc -l < "$tmp/r.dev") dev, $(wc -l < "$tmp/r.test.all") test"
  METRIC=accuracy run_grid "$tmp/r.train" "$tmp/r.dev" "$tmp/r.test.all"
fi
