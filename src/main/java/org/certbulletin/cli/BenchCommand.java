package org.certbulletin.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.certbulletin.bench.Benchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cert-bulletin bench}: measures render, build and publishing speed; prints {@code name:
 * value unit}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measure speed and size on the data folder; prints one 'name: value unit' line per figure.")
final class BenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions options;

  @Option(
      names = "--week",
      defaultValue = "2024-W51",
      description = "Week rendered (default: ${DEFAULT-VALUE}).")
  String week;

  @Option(
      names = "--warmup",
      defaultValue = "300",
      description = "Warm-up renders before measuring (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--runs",
      defaultValue = "50",
      description = "Measured renders (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--cold-runs",
      defaultValue = "5",
      description = "Fresh build processes (default: ${DEFAULT-VALUE}).")
  int coldRuns;

  @Option(
      names = "--only",
      split = ",",
      paramLabel = "GROUP",
      description = "Groups to run: render, cold, publish, mail, chaos, import (default: all).")
  List<String> only = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    new Benchmark(
            new Benchmark.Options(
                options.workspace(),
                WeekArguments.parse(spec, week),
                warmup,
                runs,
                coldRuns,
                new HashSet<>(only)),
            spec.commandLine().getOut())
        .run();
    return ExitCode.OK;
  }
}
