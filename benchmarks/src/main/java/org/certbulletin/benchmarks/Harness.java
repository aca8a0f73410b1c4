package org.certbulletin.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.certbulletin.model.WeekId;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The figures of whole processes and of sending: fresh processes of the product jar it is given
 * (started by the launcher beside it), mail through a local SMTP sink, publishing a generated
 * archive, imports, the HTTP API's builds ({@link ApiBuilds}). Prints one {@code name: value unit}
 * line per figure. The render figures are JMH's: {@link RenderFigures}.
 */
@Command(
    name = "harness",
    mixinStandardHelpOptions = true,
    description =
        "Measure cert-bulletin's builds, publishing, sending and imports; prints one 'name: value"
            + " unit' line per figure.")
public final class Harness implements Callable<Integer> {

  /** One group of figures. */
  private interface Group {
    void run(Setup setup) throws IOException, InterruptedException;
  }

  private static final Map<String, Group> GROUPS = new LinkedHashMap<>();

  static {
    GROUPS.put("cold", ColdBuilds::run);
    GROUPS.put("publish", Publishing::run);
    GROUPS.put("mail", MailThroughput::run);
    GROUPS.put("chaos", Chaos::run);
    GROUPS.put("import", Imports::run);
    GROUPS.put("api", ApiBuilds::run);
    GROUPS.put("console", ConsolePages::run);
  }

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "JAR",
      description = "The product jar, the launcher beside it: target/cert-bulletin.jar.")
  Path jar;

  @Option(
      names = "--week",
      defaultValue = "2024-W51",
      description = "Week built and sent (default: ${DEFAULT-VALUE}).")
  String week;

  @Option(
      names = "--cold-runs",
      defaultValue = "5",
      description = "Fresh processes per figure (default: ${DEFAULT-VALUE}).")
  int coldRuns;

  @Option(
      names = "--only",
      split = ",",
      paramLabel = "GROUP",
      description =
          "Groups to run: cold, publish, mail, chaos, import, api, console (default: all).")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--api-heaps",
      split = ",",
      paramLabel = "SIZE",
      defaultValue = "128m,256m,512m",
      description =
          "Maximum heaps (-Xmx) the API's load runs with, each in a fresh JVM; none: --api-heaps="
              + " (default: ${DEFAULT-VALUE}).")
  List<String> apiHeaps = new ArrayList<>();

  @Option(
      names = "--data",
      defaultValue = "data",
      description = "Data folder copied and varied (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(
      names = "--templates",
      defaultValue = "templates",
      description = "Templates folder (default: ${DEFAULT-VALUE}).")
  Path templates;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Harness()).execute(args));
  }

  private List<String> heaps() {
    try {
      return ApiBuilds.checked(apiHeaps.stream().filter(h -> !h.isBlank()).toList());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    for (String group : only) {
      if (!GROUPS.containsKey(group)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "no group " + group + ": " + String.join(", ", GROUPS.keySet()) + " (render is JMH's)");
      }
    }
    Setup setup =
        new Setup(
            new Product(jar),
            data.toAbsolutePath(),
            templates.toAbsolutePath(),
            WeekId.parse(week),
            coldRuns,
            new Figures(System.out),
            heaps());
    for (Map.Entry<String, Group> group : GROUPS.entrySet()) {
      if (only.isEmpty() || only.contains(group.getKey())) {
        group.getValue().run(setup);
      }
    }
    return 0;
  }
}
