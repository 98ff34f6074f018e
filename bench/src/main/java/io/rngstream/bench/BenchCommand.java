package io.rngstream.bench;

import io.rngstream.client.cli.ConnectionOptions;
import io.rngstream.client.cli.DurationConverter;
import io.rngstream.core.protocol.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./rng bench}: end-to-end load against the processor and the pass-through baseline, side by side. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Open-loop load at fixed rates, then a search for the highest sustainable rate, against the",
        "processor and a pass-through Kafka Streams baseline on the same broker. Latency is measured from the",
        "intended send time to the reply (HdrHistogram). Prints a table and writes JSON (docs/performance.md).",
        "It starts its own broker and registry on this machine unless --external names a cluster."})
public final class BenchCommand implements Callable<Integer> {
  @Spec
  private picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  private ConnectionOptions connection;

  @Option(names = "--external", description = "Use the cluster at --bootstrap-servers/--registry-url (--client-config for "
      + "security) instead of starting one. Scenarios running and running-c1000 then load the processor that already runs "
      + "there; rng-* and baseline-* start theirs in this JVM against that cluster.")
  private boolean external;

  @Option(names = "--requests-topic", paramLabel = "TOPIC", description = "With --external: the running processor's request topic. Default: ${DEFAULT-VALUE}.")
  private String requestsTopic = Topics.REQUESTS;

  @Option(names = "--scenarios", split = ",", paramLabel = "NAME",
      description = "Which to run, in order: baseline-eos, rng-eos, rng-eos-c1000, baseline-alos, rng-alos (default), "
          + "running, running-c1000 (--external: the processor already running there; default baseline-eos,running,running-c1000).")
  private List<String> scenarios;

  @Option(names = "--rates", split = ",", paramLabel = "REQ_PER_S", description = "Fixed open-loop rates per scenario. Default: ${DEFAULT-VALUE}.")
  private List<Double> rates = new ArrayList<>(List.of(1000.0));

  @Option(names = "--goal-rate", paramLabel = "REQ_PER_S", description = "Rate of the latency goal (added to --rates). Default: ${DEFAULT-VALUE}.")
  private double goalRate = 1000;

  @Option(names = "--no-search", description = "Skip the search for the highest sustainable rate.")
  private boolean noSearch;

  @Option(names = "--search-start", paramLabel = "REQ_PER_S", description = "First rate of the search. Default: ${DEFAULT-VALUE}.")
  private double searchStart = 500;

  @Option(names = "--search-factor", description = "Each search step multiplies the rate by this. Default: ${DEFAULT-VALUE}.")
  private double searchFactor = 1.5;

  @Option(names = "--search-max-steps", description = "At most this many search steps. Default: ${DEFAULT-VALUE}.")
  private int searchMaxSteps = 16;

  @Option(names = "--warmup", converter = DurationConverter.class, description = "Warm-up of each step. Default: 5s.")
  private Duration warmUp = Duration.ofSeconds(5);

  @Option(names = "--measure", converter = DurationConverter.class, description = "Measurement window of each step. Default: 15s.")
  private Duration measure = Duration.ofSeconds(15);

  @Option(names = "--drain", converter = DurationConverter.class, description = "How long a step waits for owed replies. Default: 30s.")
  private Duration drain = Duration.ofSeconds(30);

  @Option(names = "--max-p99-ms", description = "A step whose p99 exceeds this is not sustainable. Default: ${DEFAULT-VALUE}.")
  private double maxP99Millis = 500;

  @Option(names = "--clients", description = "Distinct clientIds (record keys) the load cycles through. Default: ${DEFAULT-VALUE}.")
  private int clients = 64;

  @Option(names = "--partitions", description = "Partitions of every bench topic. Default: ${DEFAULT-VALUE} (the processor's default); with "
      + "--external, as many as --requests-topic has when it exists.")
  private int partitions = 3;

  @Option(names = "--replication-factor", description = "Replication of the bench topics with --external. Default: ${DEFAULT-VALUE}.")
  private short replicationFactor = 1;

  @Option(names = "--streams", paramLabel = "KEY=VALUE",
      description = "A Kafka Streams setting for every Streams app of the run (processor as kafka.KEY, baseline as KEY), "
          + "e.g. --streams commit.interval.ms=20 --streams producer.linger.ms=5.")
  private Map<String, String> streams = new TreeMap<>();

  @Option(names = "--out", paramLabel = "FILE", description = "Where the JSON result goes. Default: .rng/bench-result.json.")
  private Path out;

  @Option(names = "--jfr", paramLabel = "FILE", description = "Record a JFR profile (settings 'profile') of this JVM "
      + "(load generator, processors, baseline and, on the own stack, the broker) for the whole run.")
  private Path jfr;

  private final PrintStream console;
  private double loadAtStart;

  /** Prints to standard output. */
  public BenchCommand() {
    this(System.out);
  }

  BenchCommand(final PrintStream console) {
    this.console = console;
  }

  @Override
  public Integer call() throws Exception {
    final List<Scenario> chosen = chosenScenarios();
    final List<Double> fixedRates = new ArrayList<>(rates);
    if (!fixedRates.contains(goalRate)) {
      fixedRates.add(goalRate);
    }
    final BenchPlan plan = new BenchPlan(List.copyOf(fixedRates), !noSearch, searchStart, searchFactor, searchMaxSteps,
        warmUp, measure, drain, maxP99Millis, clients);
    final Path outFile = out != null ? out : home().resolve(".rng").resolve("bench-result.json");
    final Recording recording = jfr == null ? null : startRecording();
    final List<ScenarioResult> results = new ArrayList<>();
    final Instant started = Instant.now();
    loadAtStart = systemLoad();
    console.println("rng bench: " + (external ? "against " + requestsTopic + " on the given cluster"
        : "starting a broker and a registry on loopback") + "; scenarios " + chosen.stream().map(Scenario::name).toList());
    try (BenchEnvironment env = external
        ? BenchEnvironment.external(connection.resolve(), requestsTopic, partitions, replicationFactor, streams)
        : BenchEnvironment.ownStack(partitions, streams)) {
      console.printf(java.util.Locale.ROOT, "load average %.1f on %d cores%s%n", loadAtStart,
          Runtime.getRuntime().availableProcessors(), loadAtStart > Runtime.getRuntime().availableProcessors() / 2.0
              ? " — the machine is busy: figures will be noisy" : "");
      console.println("broker " + env.endpoints().bootstrapServers() + ", registry " + env.endpoints().registryUrl()
          + ", " + env.partitions() + " partitions per topic, run " + env.runId());
      console.println(Report.stepHeader());
      final BenchRunner runner = new BenchRunner(env, plan, console, requestsTopic);
      for (final Scenario scenario : chosen) {
        results.add(runner.run(scenario));
      }
      final Report report = new Report(settings(env, plan, started), results, goalRate);
      console.println();
      console.print(report.table());
      final Path folder = outFile.toAbsolutePath().getParent();
      if (folder != null) {
        Files.createDirectories(folder);
      }
      Files.writeString(outFile, report.json());
      console.println();
      console.println("JSON result: " + outFile.toAbsolutePath());
    } finally {
      if (recording != null) {
        recording.dump(jfr);
        recording.close();
        console.println("JFR recording: " + jfr.toAbsolutePath() + "   (jfr view hot-methods " + jfr + ")");
      }
    }
    return results.stream().allMatch(result -> result.steps().stream().allMatch(step -> step.sendErrors() == 0)) ? 0 : 1;
  }

  private List<Scenario> chosenScenarios() {
    final List<String> names = scenarios == null || scenarios.isEmpty() ? Scenario.defaults(!external) : scenarios;
    final List<Scenario> chosen = new ArrayList<>();
    for (final String name : names) {
      final Scenario scenario = Scenario.byName(name.trim()).orElseThrow(() -> new ParameterException(spec.commandLine(),
          "unknown scenario " + name + "; known: " + Scenario.CATALOGUE.stream().map(Scenario::name).toList()));
      if (!external && scenario.kind() == Scenario.Kind.RUNNING_PROCESSOR) {
        throw new ParameterException(spec.commandLine(), "scenario " + name
            + " needs --external (a cluster where a processor already runs)");
      }
      chosen.add(scenario);
    }
    return chosen;
  }

  private Map<String, Object> settings(final BenchEnvironment env, final BenchPlan plan, final Instant started) {
    final Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("startedAt", started.toString());
    settings.put("finishedAt", Instant.now().toString());
    settings.put("stack", env.ownsStack() ? "own (broker in this JVM, registry in a child JVM, loopback)" : "external cluster");
    settings.put("bootstrapServers", env.endpoints().bootstrapServers());
    settings.put("partitions", env.partitions());
    settings.put("cores", Runtime.getRuntime().availableProcessors());
    // Other processes on the machine skew every figure: the 1-minute load average says how busy it was.
    settings.put("loadAverageAtStart", loadAtStart);
    settings.put("loadAverageAtEnd", systemLoad());
    settings.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    settings.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    settings.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    settings.put("fixedRates", plan.fixedRates());
    settings.put("goalRate", goalRate);
    settings.put("search", plan.search());
    settings.put("searchStart", plan.searchStart());
    settings.put("searchFactor", plan.searchFactor());
    settings.put("warmUpSeconds", plan.warmUp().toMillis() / 1000.0);
    settings.put("measureSeconds", plan.measure().toMillis() / 1000.0);
    settings.put("maxP99Ms", plan.maxP99Millis());
    settings.put("clients", plan.clients());
    settings.put("streamsOverrides", new TreeMap<String, Object>(env.streamsOverrides()));
    return settings;
  }

  private static double systemLoad() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static Path home() {
    final String home = System.getenv(ConnectionOptions.HOME_ENV);
    return Path.of(home == null || home.isBlank() ? "." : home);
  }

  private static Recording startRecording() throws IOException, java.text.ParseException {
    final Recording recording = new Recording(Configuration.getConfiguration("profile"));
    recording.setName("rng-bench");
    recording.start();
    return recording;
  }
}
