package io.deepsentiment.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Tweet-like texts of many lengths, made up from a fixed seed: words, hashtags, mentions, emoji. */
final class GeneratedPosts {

    private static final String[] WORDS = {"the", "game", "tonight", "was", "great", "awful", "love", "hate", "so",
        "not", "happy", "sad", "new", "phone", "battery", "died", "again", "best", "worst", "day", "ever", "lol",
        "thanks", "@friend", "#launch", "#fail", "😀", "😡", "!!!", "meh", "ok", "tomorrow", "meeting", "can't",
        "wait", "boring", "amazing", "customer", "service", "flight", "delayed", "http://t.co/x"};

    private GeneratedPosts() {}

    static List<String> texts(int count, long seed) {
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = 1 + random.nextInt(i % 10 == 0 ? 60 : 20);
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < length; w++) {
                text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            texts.add(text.toString());
        }
        return texts;
    }
}
