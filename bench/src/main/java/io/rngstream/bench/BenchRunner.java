package io.rngstream.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Runs each scenario against a freshly started target, one at a time, so targets never share the CPU. */
final class BenchRunner {
  private static final java.time.Duration PRIME_TIMEOUT = java.time.Duration.ofSeconds(90);
  private final BenchEnvironment env;
  private final BenchPlan plan;
  private final PrintStream progress;
  private final String runningRequestTopic;

  BenchRunner(final BenchEnvironment env, final BenchPlan plan, final PrintStream progress,
      final String runningRequestTopic) {
    this.env = env;
    this.plan = plan;
    this.progress = progress;
    this.runningRequestTopic = runningRequestTopic;
  }

  ScenarioResult run(final Scenario scenario) throws InterruptedException {
    progress.printf("%n== %s: starting%n", scenario.name());
    try (Target target = start(scenario);
        LoadGenerator load = new LoadGenerator(env.endpoints(), target, plan.clients())) {
      load.prime(scenario.count(), PRIME_TIMEOUT);
      // A fresh JVM path (JIT, RocksDB caches, producer batches) is slow for its first seconds: one unrecorded
      // window at the lowest rate of the plan keeps that out of the first recorded step without leaving a backlog.
      final double gentle = plan.fixedRates().stream().mapToDouble(Double::doubleValue).min().orElse(plan.searchStart());
      load.run("jit-warm-up", Math.min(gentle, plan.searchStart()), scenario.count(), java.time.Duration.ZERO,
          plan.warmUp(), plan.drain(), Double.MAX_VALUE);
      final List<StepResult> steps = new ArrayList<>();
      for (final double rate : plan.fixedRates()) {
        steps.add(step(load, scenario, "fixed", rate));
      }
      double best = 0;
      if (plan.search()) {
        double rate = plan.searchStart();
        double failedAt = 0;
        for (int i = 0; i < plan.searchMaxSteps(); i++) {
          StepResult result = step(load, scenario, "search", rate);
          steps.add(result);
          if (!result.sustainable()) {
            // One retry: a single latency spike (GC, a neighbour on the CPU) must not end the search.
            result = step(load, scenario, "retry", rate);
            steps.add(result);
          }
          if (!result.sustainable()) {
            failedAt = rate;
            break;
          }
          best = rate;
          rate = Math.round(rate * plan.searchFactor());
        }
        // One bisection between the last good and the first bad rate narrows the answer to a quarter step.
        if (failedAt > 0 && best > 0) {
          final StepResult middle = step(load, scenario, "search", Math.round((best + failedAt) / 2));
          steps.add(middle);
          if (middle.sustainable()) {
            best = middle.offeredRate();
          }
        }
      }
      return new ScenarioResult(scenario, target.description(), steps, best);
    }
  }

  private StepResult step(final LoadGenerator load, final Scenario scenario, final String kind, final double rate)
      throws InterruptedException {
    final StepResult result = load.run(kind, rate, scenario.count(), plan.warmUp(), plan.measure(), plan.drain(),
        plan.maxP99Millis());
    progress.println(Report.stepLine(scenario.name(), result));
    return result;
  }

  private Target start(final Scenario scenario) throws InterruptedException {
    return switch (scenario.kind()) {
      case BASELINE -> BaselineTarget.start(env, scenario.name(), scenario.guarantee());
      case PROCESSOR -> ProcessorTarget.start(env, scenario.name(), scenario.guarantee());
      case RUNNING_PROCESSOR -> {
        final String replies = "rng.replies.bench-" + env.runId();
        env.createTopics(List.of(replies));
        yield new RunningProcessorTarget(scenario.name(), runningRequestTopic, replies);
      }
    };
  }
}
