package io.rngstream.bench;

import java.time.Duration;
import java.util.List;

/** How each scenario is loaded: fixed rates first, then the search for the highest sustainable rate. */
record BenchPlan(List<Double> fixedRates, boolean search, double searchStart, double searchFactor, int searchMaxSteps,
    Duration warmUp, Duration measure, Duration drain, double maxP99Millis, int clients) {
}
