package org.certbulletin.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The score of a CVSS v4.0 vector, computed as FIRST's reference calculator computes it: a port of
 * {@code cvss_score.js} with its MacroVector table ({@code cvss4/macrovector-scores.properties})
 * from github.com/FIRSTdotorg/cvss-v4-calculator, Copyright (c) 2023 FIRST.ORG, Inc., Red Hat, and
 * contributors, under the BSD 2-Clause licence reproduced in that file. Threat and environmental
 * metrics in the vector count, as in the reference calculator (CVSS-B, -BT, -BE or -BTE).
 */
final class Cvss4Score {

  private static final String PREFIX = "CVSS:4.0/";

  private static final List<String> BASE =
      List.of("AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA");

  /** Every metric the specification defines, with its values. */
  private static final Map<String, List<String>> METRICS = metrics();

  private static final Map<String, Double> LOOKUP = lookup();

  /** Metric values as steps of severity, highest first (cvss_score.js). */
  private static final Map<String, Map<String, Double>> LEVELS =
      Map.ofEntries(
          Map.entry("AV", Map.of("N", 0.0, "A", 0.1, "L", 0.2, "P", 0.3)),
          Map.entry("PR", Map.of("N", 0.0, "L", 0.1, "H", 0.2)),
          Map.entry("UI", Map.of("N", 0.0, "P", 0.1, "A", 0.2)),
          Map.entry("AC", Map.of("L", 0.0, "H", 0.1)),
          Map.entry("AT", Map.of("N", 0.0, "P", 0.1)),
          Map.entry("VC", Map.of("H", 0.0, "L", 0.1, "N", 0.2)),
          Map.entry("VI", Map.of("H", 0.0, "L", 0.1, "N", 0.2)),
          Map.entry("VA", Map.of("H", 0.0, "L", 0.1, "N", 0.2)),
          Map.entry("SC", Map.of("H", 0.1, "L", 0.2, "N", 0.3)),
          Map.entry("SI", Map.of("S", 0.0, "H", 0.1, "L", 0.2, "N", 0.3)),
          Map.entry("SA", Map.of("S", 0.0, "H", 0.1, "L", 0.2, "N", 0.3)),
          Map.entry("CR", Map.of("H", 0.0, "M", 0.1, "L", 0.2)),
          Map.entry("IR", Map.of("H", 0.0, "M", 0.1, "L", 0.2)),
          Map.entry("AR", Map.of("H", 0.0, "M", 0.1, "L", 0.2)));

  /** The highest-severity vectors of each MacroVector level, per equivalence class. */
  private static final Map<String, List<String>> MAX_COMPOSED =
      Map.ofEntries(
          Map.entry("eq1:0", List.of("AV:N/PR:N/UI:N/")),
          Map.entry("eq1:1", List.of("AV:A/PR:N/UI:N/", "AV:N/PR:L/UI:N/", "AV:N/PR:N/UI:P/")),
          Map.entry("eq1:2", List.of("AV:P/PR:N/UI:N/", "AV:A/PR:L/UI:P/")),
          Map.entry("eq2:0", List.of("AC:L/AT:N/")),
          Map.entry("eq2:1", List.of("AC:H/AT:N/", "AC:L/AT:P/")),
          Map.entry("eq3:0:0", List.of("VC:H/VI:H/VA:H/CR:H/IR:H/AR:H/")),
          Map.entry(
              "eq3:0:1",
              List.of("VC:H/VI:H/VA:L/CR:M/IR:M/AR:H/", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M/")),
          Map.entry(
              "eq3:1:0",
              List.of("VC:L/VI:H/VA:H/CR:H/IR:H/AR:H/", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H/")),
          Map.entry(
              "eq3:1:1",
              List.of(
                  "VC:L/VI:H/VA:L/CR:H/IR:M/AR:H/",
                  "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M/",
                  "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M/",
                  "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H/",
                  "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M/")),
          Map.entry("eq3:2:1", List.of("VC:L/VI:L/VA:L/CR:H/IR:H/AR:H/")),
          Map.entry("eq4:0", List.of("SC:H/SI:S/SA:S/")),
          Map.entry("eq4:1", List.of("SC:H/SI:H/SA:H/")),
          Map.entry("eq4:2", List.of("SC:L/SI:L/SA:L/")),
          Map.entry("eq5:0", List.of("E:A/")),
          Map.entry("eq5:1", List.of("E:P/")),
          Map.entry("eq5:2", List.of("E:U/")));

  /** Max severity distances in the MacroVectors' equivalence classes (+1), max_severity.js. */
  private static final int[] MAX_SEVERITY_EQ1 = {1, 4, 5};

  private static final int[] MAX_SEVERITY_EQ2 = {1, 2};
  private static final int[][] MAX_SEVERITY_EQ3EQ6 = {{7, 6}, {8, 8}, {0, 10}};
  private static final int[] MAX_SEVERITY_EQ4 = {6, 5, 4};

  private final Map<String, String> selected;

  private Cvss4Score(Map<String, String> selected) {
    this.selected = selected;
  }

  /**
   * The score of {@code vector}, one decimal.
   *
   * @throws IllegalArgumentException naming what is wrong if it is not a CVSS v4.0 vector
   */
  static BigDecimal of(String vector) {
    return BigDecimal.valueOf(new Cvss4Score(parse(vector)).score()).setScale(1);
  }

  private static Map<String, String> parse(String vector) {
    if (!vector.startsWith(PREFIX)) {
      throw new IllegalArgumentException("does not start with " + PREFIX);
    }
    Map<String, String> metrics = new LinkedHashMap<>();
    for (String part : vector.substring(PREFIX.length()).split("/", -1)) {
      int colon = part.indexOf(':');
      String name = colon < 0 ? part : part.substring(0, colon);
      String value = colon < 0 ? "" : part.substring(colon + 1);
      List<String> allowed = METRICS.get(name);
      if (allowed == null) {
        throw new IllegalArgumentException("has no metric '" + name + "' in CVSS 4.0");
      }
      if (!allowed.contains(value)) {
        throw new IllegalArgumentException(
            "gives " + name + " the value '" + value + "'; allowed: " + String.join(", ", allowed));
      }
      if (metrics.put(name, value) != null) {
        throw new IllegalArgumentException("gives " + name + " twice");
      }
    }
    for (String name : BASE) {
      if (!metrics.containsKey(name)) {
        throw new IllegalArgumentException("lacks the base metric " + name);
      }
    }
    return metrics;
  }

  /** The effective value of a metric: its modified value if given, defaults for X (m()). */
  private String m(String metric) {
    String value = selected.getOrDefault(metric, "X");
    if (metric.equals("E") && value.equals("X")) {
      return "A";
    }
    if ((metric.equals("CR") || metric.equals("IR") || metric.equals("AR")) && value.equals("X")) {
      return "H";
    }
    String modified = selected.get("M" + metric);
    if (modified != null && !modified.equals("X")) {
      return modified;
    }
    return value;
  }

  private boolean is(String metric, String value) {
    return m(metric).equals(value);
  }

  private String macroVector() {
    int eq1;
    if (is("AV", "N") && is("PR", "N") && is("UI", "N")) {
      eq1 = 0;
    } else if ((is("AV", "N") || is("PR", "N") || is("UI", "N")) && !is("AV", "P")) {
      eq1 = 1;
    } else {
      eq1 = 2;
    }
    int eq2 = is("AC", "L") && is("AT", "N") ? 0 : 1;
    int eq3;
    if (is("VC", "H") && is("VI", "H")) {
      eq3 = 0;
    } else if (is("VC", "H") || is("VI", "H") || is("VA", "H")) {
      eq3 = 1;
    } else {
      eq3 = 2;
    }
    int eq4;
    if (is("MSI", "S") || is("MSA", "S")) {
      eq4 = 0;
    } else if (is("SC", "H") || is("SI", "H") || is("SA", "H")) {
      eq4 = 1;
    } else {
      eq4 = 2;
    }
    int eq5 = is("E", "A") ? 0 : is("E", "P") ? 1 : 2;
    int eq6 =
        (is("CR", "H") && is("VC", "H"))
                || (is("IR", "H") && is("VI", "H"))
                || (is("AR", "H") && is("VA", "H"))
            ? 0
            : 1;
    return "" + eq1 + eq2 + eq3 + eq4 + eq5 + eq6;
  }

  private double score() {
    if (List.of("VC", "VI", "VA", "SC", "SI", "SA").stream().allMatch(metric -> is(metric, "N"))) {
      return 0.0;
    }
    String macro = macroVector();
    double value = LOOKUP.get(macro);
    int eq1 = macro.charAt(0) - '0';
    int eq2 = macro.charAt(1) - '0';
    int eq3 = macro.charAt(2) - '0';
    int eq4 = macro.charAt(3) - '0';
    int eq5 = macro.charAt(4) - '0';
    int eq6 = macro.charAt(5) - '0';

    double scoreEq1Lower = lookup(eq1 + 1, eq2, eq3, eq4, eq5, eq6);
    double scoreEq2Lower = lookup(eq1, eq2 + 1, eq3, eq4, eq5, eq6);
    double scoreEq3Eq6Lower;
    if (eq3 == 1 && eq6 == 1) {
      scoreEq3Eq6Lower = lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
    } else if (eq3 == 0 && eq6 == 1) {
      scoreEq3Eq6Lower = lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
    } else if (eq3 == 1 && eq6 == 0) {
      scoreEq3Eq6Lower = lookup(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
    } else if (eq3 == 0 && eq6 == 0) {
      double left = lookup(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
      double right = lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
      scoreEq3Eq6Lower = left > right ? left : right;
    } else {
      scoreEq3Eq6Lower = lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6 + 1);
    }
    double scoreEq4Lower = lookup(eq1, eq2, eq3, eq4 + 1, eq5, eq6);
    double scoreEq5Lower = lookup(eq1, eq2, eq3, eq4, eq5 + 1, eq6);

    // the severity distances from the first highest vector of the MacroVector that is at least as
    // severe in every metric (or, as in the reference, the last one tried)
    Map<String, Double> distance = new HashMap<>();
    for (String eq1Max : MAX_COMPOSED.get("eq1:" + eq1)) {
      for (String eq2Max : MAX_COMPOSED.get("eq2:" + eq2)) {
        for (String eq3Eq6Max : MAX_COMPOSED.get("eq3:" + eq3 + ":" + eq6)) {
          for (String eq4Max : MAX_COMPOSED.get("eq4:" + eq4)) {
            for (String eq5Max : MAX_COMPOSED.get("eq5:" + eq5)) {
              String max = eq1Max + eq2Max + eq3Eq6Max + eq4Max + eq5Max;
              distance.clear();
              boolean below = false;
              for (Map.Entry<String, Map<String, Double>> level : LEVELS.entrySet()) {
                String metric = level.getKey();
                double d =
                    level.getValue().get(m(metric)) - level.getValue().get(valueIn(max, metric));
                distance.put(metric, d);
                below |= d < 0;
              }
              if (!below) {
                return finish(
                    value,
                    distance,
                    new double[] {
                      scoreEq1Lower, scoreEq2Lower, scoreEq3Eq6Lower, scoreEq4Lower, scoreEq5Lower
                    },
                    eq1,
                    eq2,
                    eq3,
                    eq4,
                    eq6);
              }
            }
          }
        }
      }
    }
    return finish(
        value,
        distance,
        new double[] {scoreEq1Lower, scoreEq2Lower, scoreEq3Eq6Lower, scoreEq4Lower, scoreEq5Lower},
        eq1,
        eq2,
        eq3,
        eq4,
        eq6);
  }

  private static double finish(
      double macroScore,
      Map<String, Double> d,
      double[] lower,
      int eq1,
      int eq2,
      int eq3,
      int eq4,
      int eq6) {
    double step = 0.1;
    double[] current = {
      d.get("AV") + d.get("PR") + d.get("UI"),
      d.get("AC") + d.get("AT"),
      d.get("VC") + d.get("VI") + d.get("VA") + d.get("CR") + d.get("IR") + d.get("AR"),
      d.get("SC") + d.get("SI") + d.get("SA"),
      0
    };
    double[] maxSeverity = {
      MAX_SEVERITY_EQ1[eq1] * step,
      MAX_SEVERITY_EQ2[eq2] * step,
      MAX_SEVERITY_EQ3EQ6[eq3][eq6] * step,
      MAX_SEVERITY_EQ4[eq4] * step,
      Double.NaN
    };
    int existingLower = 0;
    double sum = 0;
    for (int i = 0; i < 5; i++) {
      double available = macroScore - lower[i];
      if (!Double.isNaN(available)) {
        existingLower++;
        // for eq5 the proportion is always 0
        sum += i == 4 ? available * 0 : available * (current[i] / maxSeverity[i]);
      }
    }
    double value = macroScore - (existingLower == 0 ? 0 : sum / existingLower);
    value = Math.min(10.0, Math.max(0.0, value));
    return Math.round(value * 10) / 10.0;
  }

  private static double lookup(int... eqs) {
    StringBuilder key = new StringBuilder();
    for (int eq : eqs) {
      key.append(eq);
    }
    return LOOKUP.getOrDefault(key.toString(), Double.NaN);
  }

  /** The value of {@code metric} in a partial vector like {@code AV:N/PR:N/UI:N/}. */
  private static String valueIn(String vector, String metric) {
    String all = "/" + vector;
    int start = all.indexOf("/" + metric + ":");
    if (start < 0) {
      throw new IllegalStateException(metric + " missing from " + vector);
    }
    int from = start + metric.length() + 2;
    return all.substring(from, all.indexOf('/', from));
  }

  private static Map<String, List<String>> metrics() {
    Map<String, List<String>> metrics = new LinkedHashMap<>();
    metrics.put("AV", List.of("N", "A", "L", "P"));
    metrics.put("AC", List.of("L", "H"));
    metrics.put("AT", List.of("N", "P"));
    metrics.put("PR", List.of("N", "L", "H"));
    metrics.put("UI", List.of("N", "P", "A"));
    for (String impact : List.of("VC", "VI", "VA", "SC", "SI", "SA")) {
      metrics.put(impact, List.of("H", "L", "N"));
    }
    metrics.put("E", List.of("X", "A", "P", "U"));
    for (String requirement : List.of("CR", "IR", "AR")) {
      metrics.put(requirement, List.of("X", "H", "M", "L"));
    }
    metrics.put("MAV", List.of("X", "N", "A", "L", "P"));
    metrics.put("MAC", List.of("X", "L", "H"));
    metrics.put("MAT", List.of("X", "N", "P"));
    metrics.put("MPR", List.of("X", "N", "L", "H"));
    metrics.put("MUI", List.of("X", "N", "P", "A"));
    for (String impact : List.of("MVC", "MVI", "MVA", "MSC")) {
      metrics.put(impact, List.of("X", "H", "L", "N"));
    }
    metrics.put("MSI", List.of("X", "S", "H", "L", "N"));
    metrics.put("MSA", List.of("X", "S", "H", "L", "N"));
    metrics.put("S", List.of("X", "N", "P"));
    metrics.put("AU", List.of("X", "N", "Y"));
    metrics.put("R", List.of("X", "A", "U", "I"));
    metrics.put("V", List.of("X", "D", "C"));
    metrics.put("RE", List.of("X", "L", "M", "H"));
    metrics.put("U", List.of("X", "Clear", "Green", "Amber", "Red"));
    return Map.copyOf(metrics);
  }

  private static Map<String, Double> lookup() {
    Properties table = new Properties();
    try (InputStream in =
        Cvss4Score.class.getResourceAsStream("/cvss4/macrovector-scores.properties")) {
      if (in == null) {
        throw new IllegalStateException("cvss4/macrovector-scores.properties missing from the jar");
      }
      table.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Double> scores = new HashMap<>();
    table.forEach((key, value) -> scores.put((String) key, Double.parseDouble((String) value)));
    return Map.copyOf(scores);
  }
}
