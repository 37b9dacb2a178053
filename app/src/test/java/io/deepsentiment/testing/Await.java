package io.deepsentiment.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BooleanSupplier;

/** Waits for something that happens on other threads (a stream, a worker), up to 30 s. */
public final class Await {

    private Await() {}

    /** Checks {@code condition} every 50 ms until it holds; fails after 30 s. */
    public static void until(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("reached within 30 s").isTrue();
    }
}
