package io.rngstream.core.generation;

import java.util.NoSuchElementException;

/** A word source that returns exactly the given words and fails when asked for more, so tests see every word consumed. */
final class ScriptedWords implements WordSource {

    private final long[] words;
    private int next;

    ScriptedWords(final long... words) {
        this.words = words.clone();
    }

    @Override
    public long nextWord() {
        if (next == words.length) {
            throw new NoSuchElementException("script exhausted after " + words.length + " words");
        }
        return words[next++];
    }

    int remaining() {
        return words.length - next;
    }
}
