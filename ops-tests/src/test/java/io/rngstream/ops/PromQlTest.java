package io.rngstream.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {
  @Test
  void findsMetricNamesButNotFunctionsKeywordsLabelsOrDurations() {
    assertThat(PromQl.metricNames("""
        sum by (namespace, job) (rate(rng_dead_letters_total{job="rng-processor", reason=~"a|b"}[5m]))
          or on (job) 0 * rng:requests:rate5m offset 10m
          # a comment naming not_a_metric
        unless histogram_quantile(0.95, sum by (le) (rate(rng_request_latency_seconds_bucket[$__rate_interval]))) > bool 1e3
        """))
        .containsExactlyInAnyOrder("rng_dead_letters_total", "rng:requests:rate5m", "rng_request_latency_seconds_bucket");
  }

  @Test
  void aSelectorWithoutALabelSetIsAMetricToo() {
    assertThat(PromQl.metricNames("up == 0 and absent(process_uptime_seconds) or vector(1)"))
        .containsExactlyInAnyOrder("up", "process_uptime_seconds");
  }
}
