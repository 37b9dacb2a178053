package io.deepsentiment.hashtag.source;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link PostBudget} in memory, for the sources' unit tests (the service counts in the database). */
final class CountingPostBudget implements PostBudget {

    final Map<String, Integer> used = new ConcurrentHashMap<>();

    @Override
    public synchronized int take(String source, LocalDate day, int wanted, int maxPerDay) {
        String key = source + "/" + day;
        int now = used.getOrDefault(key, 0);
        int granted = Math.max(0, Math.min(wanted, maxPerDay - now));
        used.put(key, now + granted);
        return granted;
    }

    @Override
    public synchronized void giveBack(String source, LocalDate day, int posts) {
        used.merge(source + "/" + day, -posts, (a, b) -> Math.max(0, a + b));
    }

    int used(String source, LocalDate day) {
        return used.getOrDefault(source + "/" + day, 0);
    }
}
