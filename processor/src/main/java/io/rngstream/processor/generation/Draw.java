package io.rngstream.processor.generation;

import java.util.List;

/** The result of one draw: the numbers and everything needed to re-derive them. */
public record Draw(List<Long> numbers, byte[] seed, String seedSource, String algorithm) {
}
