package io.deepsentiment.hashtag.source;

import java.time.LocalDate;

/**
 * How many posts a source that bills per post read may still read on a day, counted where every
 * instance of the service sees it (the database), so that restarts and more instances do not
 * multiply the spending.
 */
public interface PostBudget {

    /**
     * Takes up to {@code wanted} posts from the source's allowance of {@code day}.
     *
     * @param maxPerDay the allowance of a day
     * @return how many were granted, from 0 (spent) to {@code wanted}
     */
    int take(String source, LocalDate day, int wanted, int maxPerDay);

    /** Gives back posts taken but not read (a page came back shorter, or the request failed). */
    void giveBack(String source, LocalDate day, int posts);
}
