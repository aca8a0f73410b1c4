package org.certbulletin.benchmarks;

import java.util.Arrays;
import java.util.List;

/** Order statistics of a list of measurements. */
final class Stats {

  private final double[] sorted;

  Stats(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no measurements");
    }
    this.sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }

  double median() {
    return percentile(50);
  }

  /** The nearest-rank percentile. */
  double percentile(double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  double min() {
    return sorted[0];
  }

  @Override
  public String toString() {
    return Arrays.toString(sorted);
  }
}
