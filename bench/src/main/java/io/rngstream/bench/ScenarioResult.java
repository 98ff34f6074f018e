package io.rngstream.bench;

import java.util.List;
import java.util.Optional;

/** Every step of one scenario, and the highest rate it sustained in the search (0 when there was no search). */
record ScenarioResult(Scenario scenario, String description, List<StepResult> steps, double maxSustainableRate) {

  /** The fixed-rate step at {@code rate}, if one ran. */
  Optional<StepResult> fixedAt(final double rate) {
    return steps.stream().filter(step -> "fixed".equals(step.kind()) && step.offeredRate() == rate).findFirst();
  }

  /** The sustained step of the highest rate (the search's answer). */
  Optional<StepResult> best() {
    return steps.stream().filter(step -> !"fixed".equals(step.kind()) && step.sustainable())
        .max(java.util.Comparator.comparingDouble(StepResult::offeredRate));
  }
}
