package io.rngstream.core.generation;

/** An endless supply of uniformly random 64-bit words; injectable so the mapping from words to numbers can be tested exactly. */
@FunctionalInterface
interface WordSource {

    /**
     * The next word of the stream.
     *
     * @return 64 random bits
     */
    long nextWord();
}
