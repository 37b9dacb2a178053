package io.deepsentiment.train.fit;

import io.deepsentiment.model.text.TweetTokenizer;
import io.deepsentiment.train.data.LabelledData;
import io.deepsentiment.train.data.LabelledText;
import java.util.ArrayList;
import java.util.List;

/** The tokens and label indices of one labelled set, in order. */
record TokenizedSet(List<List<String>> tokens, int[] labels) {

    static TokenizedSet of(LabelledData data, TweetTokenizer tokenizer, List<String> labelOrder) {
        List<List<String>> tokens = new ArrayList<>(data.size());
        int[] labels = new int[data.size()];
        int i = 0;
        for (LabelledText example : data.examples()) {
            tokens.add(tokenizer.tokenize(example.text()));
            labels[i++] = labelOrder.indexOf(example.label());
        }
        return new TokenizedSet(tokens, labels);
    }

    int size() {
        return labels.length;
    }
}
