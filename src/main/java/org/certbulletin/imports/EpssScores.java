package org.certbulletin.imports;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * FIRST's EPSS scores in their published CSV form ({@code epss_scores-YYYY-MM-DD.csv}, gzipped or
 * not): a comment line with the model version and score date, a header {@code cve,epss,percentile}
 * and one line per CVE.
 */
final class EpssScores {

  /**
   * One CVE's score: the probability of exploitation in the next 30 days, and its percentile; and
   * the line of the file that gives it.
   */
  record Score(String cve, BigDecimal probability, BigDecimal percentile, int line) {}

  /** EPSS lines are about 40 characters; the comment line about 70. */
  private static final int MAX_LINE = 1000;

  /** EPSS gives five decimals; more is not a score. */
  private static final int MAX_DIGITS = 10;

  private final Optional<LocalDate> date;
  private final Map<String, Score> scores;
  private final List<String> warnings;

  private EpssScores(Optional<LocalDate> date, Map<String, Score> scores, List<String> warnings) {
    this.date = date;
    this.scores = Map.copyOf(scores);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * The scores of the CVEs in {@code wanted} (the rest of the file is only read through). What is
   * wrong but does not stop the import (a CVE scored twice, a score date that is not one) is kept
   * as warnings that say what was made of it.
   */
  static EpssScores parse(Fetched fetched, Set<String> wanted, long maxBytes) {
    Optional<LocalDate> date = Optional.empty();
    boolean dated = false;
    Map<String, Score> scores = new HashMap<>();
    List<String> warnings = new ArrayList<>();
    try (BufferedReader reader = reader(fetched, maxBytes)) {
      String line;
      int number = 0;
      boolean header = false;
      while ((line = line(reader, fetched.name(), number + 1)) != null) {
        number++;
        if (number == 1 && line.startsWith("\ufeff")) {
          line = line.substring(1);
        }
        if (line.startsWith("#")) {
          int at = line.indexOf("score_date:");
          if (at >= 0) {
            dated = true;
            String text = line.substring(at + "score_date:".length()).split(",", 2)[0].strip();
            date = AdvisoryFields.date(text);
            if (date.isEmpty()) {
              warnings.add(
                  fetched.name()
                      + ":"
                      + number
                      + ": the score_date '"
                      + Texts.cut(Texts.line(text), 40)
                      + "' is not a date like 2024-12-20; the scores are attached without a"
                      + " date");
            }
          }
          continue;
        }
        if (!header) {
          if (!line.strip().toLowerCase(Locale.ROOT).startsWith("cve,epss,percentile")) {
            throw new ImportException(
                fetched.name()
                    + ":"
                    + number
                    + ": expected the header cve,epss,percentile: this is not FIRST's EPSS CSV");
          }
          header = true;
          continue;
        }
        int first = line.indexOf(',');
        int second = line.indexOf(',', first + 1);
        if (first < 0 || second < 0) {
          throw bad(fetched, number, line);
        }
        String cve = line.substring(0, first).strip();
        if (!wanted.contains(cve)) {
          continue;
        }
        if (second - first > 40 || line.length() - second > 40) {
          throw bad(fetched, number, line);
        }
        try {
          BigDecimal probability = new BigDecimal(line.substring(first + 1, second).strip());
          BigDecimal percentile = new BigDecimal(line.substring(second + 1).strip());
          if (Math.abs(probability.scale()) > MAX_DIGITS
              || Math.abs(percentile.scale()) > MAX_DIGITS
              || probability.signum() < 0
              || probability.compareTo(BigDecimal.ONE) > 0
              || percentile.signum() < 0
              || percentile.compareTo(BigDecimal.ONE) > 0) {
            throw bad(fetched, number, line);
          }
          Score score = new Score(cve, probability, percentile, number);
          Score before = scores.get(cve);
          if (before == null) {
            scores.put(cve, score);
          } else {
            boolean higher = score.probability().compareTo(before.probability()) > 0;
            Score kept = higher ? score : before;
            scores.put(cve, kept);
            warnings.add(
                fetched.name()
                    + ":"
                    + number
                    + ": "
                    + cve
                    + " is scored twice (line "
                    + before.line()
                    + ": "
                    + before.probability().toPlainString()
                    + ", line "
                    + number
                    + ": "
                    + probability.toPlainString()
                    + "); kept line "
                    + kept.line()
                    + (higher || score.probability().compareTo(before.probability()) < 0
                        ? ", the higher score"
                        : ", the first (both give the same score)"));
          }
        } catch (NumberFormatException e) {
          throw bad(fetched, number, line);
        }
      }
      if (!header) {
        throw new ImportException(fetched.name() + ": empty: no EPSS scores in it");
      }
      if (!dated) {
        warnings.add(
            fetched.name()
                + ": no score_date in a comment line (#model_version:...,score_date:...); the"
                + " scores are attached without a date");
      }
    } catch (IOException e) {
      throw new ImportException(
          fetched.name()
              + ": cannot read"
              + (gzipped(fetched.bytes()) ? " it as gzip (is the download complete?)" : "")
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    }
    return new EpssScores(date, scores, warnings);
  }

  /** A line of at most {@link #MAX_LINE} characters, without its end; null at the end. */
  private static String line(BufferedReader reader, String name, int number) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = reader.read()) >= 0) {
      if (c == '\n') {
        return line.toString();
      }
      if (c == '\r') {
        // CR LF, or a lone CR as old spreadsheet exports end lines
        reader.mark(1);
        if (reader.read() != '\n') {
          reader.reset();
        }
        return line.toString();
      }
      line.append((char) c);
      if (line.length() > MAX_LINE) {
        throw new ImportException(
            name
                + ":"
                + number
                + ": a line longer than "
                + MAX_LINE
                + " characters: not EPSS's CSV");
      }
    }
    return line.length() == 0 ? null : line.toString();
  }

  private static BufferedReader reader(Fetched fetched, long maxBytes) throws IOException {
    byte[] bytes = fetched.bytes();
    InputStream in = new ByteArrayInputStream(bytes);
    if (gzipped(bytes)) {
      in = new BoundedInput(new GZIPInputStream(in), maxBytes * 8, fetched.name());
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  private static boolean gzipped(byte[] bytes) {
    return bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
  }

  private static ImportException bad(Fetched fetched, int line, String text) {
    return new ImportException(
        fetched.name()
            + ":"
            + line
            + ": '"
            + Texts.cut(text, 80)
            + "' is not a line cve,epss,percentile with scores between 0 and 1");
  }

  Optional<LocalDate> date() {
    return date;
  }

  List<String> warnings() {
    return warnings;
  }

  Optional<Score> score(String cve) {
    return Optional.ofNullable(scores.get(cve));
  }

  /** A stream that refuses to give more than a limit: a gzip bomb stops here. */
  private static final class BoundedInput extends java.io.FilterInputStream {
    private final long limit;
    private final String name;
    private long read;

    BoundedInput(InputStream in, long limit, String name) {
      super(in);
      this.limit = limit;
      this.name = name;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      count(Math.max(n, 0));
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > limit) {
        throw new ImportException(
            name + ": unpacks to more than " + limit + " bytes; refused (not an EPSS file?)");
      }
    }
  }
}
