package io.rngstream.bench;

import java.util.List;
import java.util.Optional;

/** One column of the comparison: which app, which processing guarantee, how many numbers per request. */
record Scenario(String name, Kind kind, String guarantee, int count, String baseline) {
  static final String EOS = "exactly_once_v2";
  static final String ALOS = "at_least_once";

  /** Who answers the requests. */
  enum Kind { BASELINE, PROCESSOR, RUNNING_PROCESSOR }

  /** Every scenario {@code ./rng bench} knows, in the order they run. */
  static final List<Scenario> CATALOGUE = List.of(
      new Scenario("baseline-eos", Kind.BASELINE, EOS, 1, null),
      new Scenario("rng-eos", Kind.PROCESSOR, EOS, 1, "baseline-eos"),
      new Scenario("rng-eos-c1000", Kind.PROCESSOR, EOS, 1000, "baseline-eos"),
      new Scenario("baseline-alos", Kind.BASELINE, ALOS, 1, null),
      new Scenario("rng-alos", Kind.PROCESSOR, ALOS, 1, "baseline-alos"),
      new Scenario("running", Kind.RUNNING_PROCESSOR, EOS, 1, "baseline-eos"),
      new Scenario("running-c1000", Kind.RUNNING_PROCESSOR, EOS, 1000, "baseline-eos"));

  /** What runs when {@code --scenarios} is not given. */
  static List<String> defaults(final boolean ownStack) {
    return ownStack ? List.of("baseline-eos", "rng-eos", "rng-eos-c1000", "baseline-alos", "rng-alos")
        : List.of("baseline-eos", "running", "running-c1000");
  }

  static Optional<Scenario> byName(final String name) {
    return CATALOGUE.stream().filter(scenario -> scenario.name().equals(name)).findFirst();
  }
}
