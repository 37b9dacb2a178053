package io.deepsentiment.hashtag.live;

/**
 * A live post with its score, stored under one followed hashtag it carries.
 *
 * @param hashtag the followed hashtag, lower-cased
 * @param post the post
 * @param label its label
 * @param polarity its polarity
 * @param model the name of the model that scored it
 */
public record ScoredLivePost(String hashtag, LivePost post, String label, double polarity, String model) {}
