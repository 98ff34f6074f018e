package io.rngstream.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The table a person reads and the JSON a script reads, from the same results. */
final class Report {
  private static final String STEP_FORMAT = "%-14s %-6s %9s %9s %11s %8s %8s %8s %8s %8s %7s  %s";

  private final Map<String, Object> settings;
  private final List<ScenarioResult> results;
  private final double goalRate;

  Report(final Map<String, Object> settings, final List<ScenarioResult> results, final double goalRate) {
    this.settings = settings;
    this.results = List.copyOf(results);
    this.goalRate = goalRate;
  }

  static String stepHeader() {
    return String.format(Locale.ROOT, STEP_FORMAT, "scenario", "step", "offered/s", "achieved/s", "numbers/s",
        "p50 ms", "p95 ms", "p99 ms", "p99.9 ms", "max ms", "lost", "verdict");
  }

  static String stepLine(final String scenario, final StepResult step) {
    final Latency l = step.latency();
    return String.format(Locale.ROOT, STEP_FORMAT, scenario, step.kind(), num(step.offeredRate()),
        num(step.achievedRate()), num(step.numbersPerSecond()), ms(l.p50()), ms(l.p95()), ms(l.p99()), ms(l.p999()),
        ms(l.max()), Long.toString(step.unanswered()), step.verdict());
  }

  /** Every step, then the comparison with the baselines, then the goals of issue 10. */
  String table() {
    final StringBuilder out = new StringBuilder();
    out.append(stepHeader()).append('\n');
    for (final ScenarioResult result : results) {
      for (final StepResult step : result.steps()) {
        out.append(stepLine(result.scenario().name(), step)).append('\n');
      }
    }
    out.append('\n');
    final String format = "%-14s %6s %-10s %13s %11s %9s %12s %12s %9s%n";
    out.append(String.format(Locale.ROOT, format, "scenario", "count", "guarantee", "max req/s", "numbers/s",
        "vs base", "p99@" + num(goalRate) + " ms", "base p99 ms", "delta ms"));
    for (final Map<String, Object> row : comparison()) {
      out.append(String.format(Locale.ROOT, format, row.get("scenario"), row.get("count"), row.get("guarantee"),
          num((Double) row.get("maxSustainableRate")), num((Double) row.get("maxNumbersPerSecond")),
          ratio((Double) row.get("throughputRatio")), ms((Double) row.get("p99AtGoalRateMs")),
          ms((Double) row.get("baselineP99AtGoalRateMs")), ms((Double) row.get("p99DeltaMs"))));
    }
    final List<Map<String, Object>> goals = goals();
    if (!goals.isEmpty()) {
      out.append('\n');
      for (final Map<String, Object> goal : goals) {
        out.append(String.format(Locale.ROOT, "goal  %-70s %s (%s)%n", goal.get("goal"),
            Boolean.TRUE.equals(goal.get("met")) ? "MET" : "NOT MET", goal.get("measured")));
      }
    }
    return out.toString();
  }

  /** One row per scenario: its best rate and its p99 at the goal rate, next to its baseline's. */
  List<Map<String, Object>> comparison() {
    final List<Map<String, Object>> rows = new ArrayList<>();
    for (final ScenarioResult result : results) {
      final Map<String, Object> row = new LinkedHashMap<>();
      final Scenario scenario = result.scenario();
      row.put("scenario", scenario.name());
      row.put("count", scenario.count());
      row.put("guarantee", scenario.guarantee());
      row.put("maxSustainableRate", result.maxSustainableRate());
      row.put("maxNumbersPerSecond", result.maxSustainableRate() * scenario.count());
      final Double p99 = result.fixedAt(goalRate).map(step -> step.latency().p99()).orElse(Double.NaN);
      row.put("p99AtGoalRateMs", p99);
      final Optional<ScenarioResult> base = Optional.ofNullable(scenario.baseline()).flatMap(this::find);
      row.put("baseline", base.map(b -> b.scenario().name()).orElse(null));
      final double baseRate = base.map(ScenarioResult::maxSustainableRate).orElse(Double.NaN);
      row.put("throughputRatio", baseRate > 0 ? result.maxSustainableRate() / baseRate : Double.NaN);
      final Double baseP99 = base.flatMap(b -> b.fixedAt(goalRate)).map(step -> step.latency().p99()).orElse(Double.NaN);
      row.put("baselineP99AtGoalRateMs", baseP99);
      row.put("p99DeltaMs", p99 - baseP99);
      rows.add(row);
    }
    return rows;
  }

  /** The goals of issue 10, when both rng-eos (or running) and baseline-eos ran. */
  List<Map<String, Object>> goals() {
    final List<Map<String, Object>> goals = new ArrayList<>();
    final Optional<ScenarioResult> ours = find("rng-eos").or(() -> find("running"));
    final Optional<ScenarioResult> base = find("baseline-eos");
    if (ours.isEmpty() || base.isEmpty()) {
      return goals;
    }
    final double ourRate = ours.get().maxSustainableRate();
    final double baseRate = base.get().maxSustainableRate();
    if (ourRate > 0 && baseRate > 0) {
      goals.add(goal("highest sustainable throughput >= 80% of the baseline's (signatures on, EOS)",
          ourRate >= 0.8 * baseRate, String.format(Locale.ROOT, "%.0f vs %.0f req/s = %.0f%%", ourRate, baseRate,
              100 * ourRate / baseRate)));
    }
    final Optional<StepResult> ourStep = ours.get().fixedAt(goalRate);
    final Optional<StepResult> baseStep = base.get().fixedAt(goalRate);
    if (ourStep.isPresent() && baseStep.isPresent()) {
      final double p99 = ourStep.get().latency().p99();
      final double baseP99 = baseStep.get().latency().p99();
      goals.add(goal("p99 at " + num(goalRate) + " req/s <= baseline p99 + 10 ms (EOS)",
          ourStep.get().sustainable() && p99 <= baseP99 + 10,
          String.format(Locale.ROOT, "%.1f vs %.1f + 10 ms", p99, baseP99)));
      goals.add(goal("p99 at " + num(goalRate) + " req/s <= 50 ms (EOS)", ourStep.get().sustainable() && p99 <= 50,
          String.format(Locale.ROOT, "%.1f ms", p99)));
    }
    return goals;
  }

  /** The whole run as JSON: settings, every step with its percentiles, the comparison and the goals. */
  String json() {
    final Map<String, Object> root = new LinkedHashMap<>();
    root.put("tool", "rng bench");
    root.put("settings", settings);
    final List<Object> scenarios = new ArrayList<>();
    for (final ScenarioResult result : results) {
      final Map<String, Object> scenario = new LinkedHashMap<>();
      scenario.put("name", result.scenario().name());
      scenario.put("target", result.description());
      scenario.put("guarantee", result.scenario().guarantee());
      scenario.put("count", result.scenario().count());
      scenario.put("maxSustainableRate", result.maxSustainableRate());
      final List<Object> steps = new ArrayList<>();
      for (final StepResult step : result.steps()) {
        final Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", step.kind());
        s.put("offeredRate", step.offeredRate());
        s.put("achievedRate", step.achievedRate());
        s.put("numbersPerSecond", step.numbersPerSecond());
        s.put("sent", step.sent());
        s.put("answered", step.answered());
        s.put("unanswered", step.unanswered());
        s.put("rejected", step.rejected());
        s.put("sendErrors", step.sendErrors());
        final Latency l = step.latency();
        final Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", l.p50());
        latency.put("p95", l.p95());
        latency.put("p99", l.p99());
        latency.put("p999", l.p999());
        latency.put("max", l.max());
        latency.put("mean", l.mean());
        s.put("latencyMs", latency);
        s.put("sustainable", step.sustainable());
        s.put("verdict", step.verdict());
        steps.add(s);
      }
      scenario.put("steps", steps);
      scenarios.add(scenario);
    }
    root.put("scenarios", scenarios);
    root.put("comparison", comparison());
    root.put("goals", goals());
    return JsonText.of(root);
  }

  private Optional<ScenarioResult> find(final String name) {
    return results.stream().filter(result -> result.scenario().name().equals(name)).findFirst();
  }

  private static Map<String, Object> goal(final String text, final boolean met, final String measured) {
    final Map<String, Object> goal = new LinkedHashMap<>();
    goal.put("goal", text);
    goal.put("met", met);
    goal.put("measured", measured);
    return goal;
  }

  private static String num(final double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f", value);
  }

  private static String ms(final double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String ratio(final double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2fx", value);
  }
}
