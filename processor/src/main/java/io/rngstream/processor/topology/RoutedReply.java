package io.rngstream.processor.topology;

import io.rngstream.avro.RandomReply;

/** A reply with its destination, so the sink's topic extractor and partitioner need not look at headers. */
record RoutedReply(String topic, Integer partition, RandomReply reply) {
}
