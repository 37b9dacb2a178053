package io.deepsentiment.hashtag.source;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the pauses a source asks for instead of taking them: exact, and no test waits. */
final class RecordingSleeper implements HttpSettings.Sleeper {

    final List<Duration> pauses = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
        pauses.add(duration);
    }
}
