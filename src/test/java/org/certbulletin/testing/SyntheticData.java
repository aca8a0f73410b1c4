package org.certbulletin.testing;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import org.certbulletin.ingest.WeekWriter;
import org.certbulletin.model.Advisory;
import org.certbulletin.model.Cvss;
import org.certbulletin.model.Highlight;
import org.certbulletin.model.Issue;
import org.certbulletin.model.Partner;
import org.certbulletin.model.PartnerType;
import org.certbulletin.model.Rating;
import org.certbulletin.model.Severity;
import org.certbulletin.model.Situation;
import org.certbulletin.model.Tally;
import org.certbulletin.model.TallyCatalogue;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.Week;
import org.certbulletin.model.WeekId;

/** Generates valid, plausible data folders of any size, for benchmarks and scale tests. */
public final class SyntheticData {

  /**
   * Real-looking CVSS 3.1 vectors across the bands; each advisory's score is what its vector gives.
   */
  private static final String[] VECTORS = {
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
    "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H",
    "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
    "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N",
    "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N",
    "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N"
  };

  private static final String[][] PRODUCTS = {
    {"Microsoft", "Microsoft Windows"},
    {"Adobe", "Adobe Acrobat Reader"},
    {"Google", "Google Chrome"},
    {"Apache Software Foundation", "Apache Tomcat"},
    {"Cisco", "Cisco IOS XE"},
    {"Fortinet", "Fortinet FortiOS"},
    {"Oracle", "Oracle WebLogic Server"},
    {"VMware", "VMware vCenter Server"},
    {"Ivanti", "Ivanti Connect Secure"},
    {"SAP", "SAP NetWeaver"},
    {"Atlassian", "Atlassian Confluence"},
    {"Juniper Networks", "Juniper Junos OS"}
  };

  private final Random random;

  public SyntheticData(long seed) {
    this.random = new Random(seed);
  }

  /**
   * Writes {@code config.json} and {@code weeks} consecutive week files starting at {@code first}.
   */
  public void write(Path dataDir, WeekId first, int weeks, int advisoriesPerWeek)
      throws IOException {
    Files.createDirectories(dataDir);
    Files.writeString(dataDir.resolve("config.json"), CONFIG, StandardCharsets.UTF_8);
    writeWeeks(dataDir, first, weeks, advisoriesPerWeek);
  }

  /** Writes {@code weeks} consecutive week files starting at {@code first}, and nothing else. */
  public void writeWeeks(Path dataDir, WeekId first, int weeks, int advisoriesPerWeek)
      throws IOException {
    Files.createDirectories(dataDir.resolve("weeks"));
    WeekId id = first;
    for (int i = 0; i < weeks; i++) {
      Week week = week(id, 1000 + i, advisoriesPerWeek);
      Files.write(dataDir.resolve("weeks").resolve(id + ".json"), WeekWriter.write(week));
      id = id.next();
    }
  }

  /** One plausible week. */
  public Week week(WeekId id, int total, int advisories) {
    long incidents = 80L + random.nextInt(120);
    Map<String, Long> types =
        split(
            incidents,
            "phishing",
            "vulnerability",
            "malware",
            "defacement",
            "backdoor",
            "ddos",
            "other");
    long vulnerabilities = 300L + random.nextInt(300);
    Map<String, Tally> tallies = new LinkedHashMap<>();
    tallies.put(TallyCatalogue.INCIDENTS, new Tally(incidents, types, Map.of()));
    tallies.put(
        TallyCatalogue.CROSS_BORDER_INCIDENTS,
        Tally.of(incidents * (40 + random.nextInt(30)) / 100));
    tallies.put(TallyCatalogue.DATA_BREACHES, Tally.of(2000 + random.nextInt(1500)));
    tallies.put(TallyCatalogue.INFECTED_HOSTS, Tally.of(2_000_000 + random.nextInt(800_000)));
    long defaced = 150L + random.nextInt(100);
    tallies.put(
        TallyCatalogue.DEFACED_SITES,
        new Tally(defaced, Map.of(), Map.of("government", (long) random.nextInt(12))));
    tallies.put(TallyCatalogue.PHISHING_PAGES, Tally.of(900 + random.nextInt(400)));
    tallies.put(
        TallyCatalogue.VULNERABILITIES,
        new Tally(
            vulnerabilities,
            split(vulnerabilities, "high", "medium", "low"),
            Map.of("remote", vulnerabilities * 3 / 4, "zero_day", vulnerabilities / 3)));
    List<Advisory> list = new ArrayList<>();
    for (int i = 0; i < advisories; i++) {
      list.add(advisory(id, i));
    }
    return new Week(
        id,
        new Issue(id.year(), id.week(), OptionalInt.of(total)),
        OffsetDateTime.of(id.end().plusDays(3), LocalTime.of(10, 0), ZoneOffset.ofHours(8)),
        Tlp.CLEAR,
        true,
        Optional.of(new Situation(Rating.GOOD, Optional.empty())),
        tallies,
        List.of(
            new Highlight(
                "Phishing campaign against a regional bank",
                "Counterfeit login pages harvested credentials; registrars took them down within a"
                    + " day.",
                Optional.of("Finance"),
                Optional.of("Phishing"),
                Tlp.CLEAR)),
        list,
        List.of(
            new Partner(
                PartnerType.TELECOM_OPERATOR, "Sample Telecom", OptionalLong.of(incidents / 4)),
            new Partner(
                PartnerType.INTERNATIONAL_PARTNER,
                "Partner CERT network",
                OptionalLong.of(incidents / 5))),
        List.of("Synthetic data for benchmarks and scale tests."));
  }

  private Advisory advisory(WeekId week, int index) {
    String[] product = PRODUCTS[random.nextInt(PRODUCTS.length)];
    String vector = VECTORS[random.nextInt(VECTORS.length)];
    BigDecimal score =
        BigDecimal.valueOf(
                us.springett.cvss.Cvss.fromVector(vector).calculateScore().getBaseScore())
            .setScale(1, java.math.RoundingMode.HALF_UP);
    String cve =
        String.format(Locale.ROOT, "CVE-%d-%05d", week.year(), 10000 + week.week() * 1000 + index);
    return new Advisory(
        String.format(Locale.ROOT, "SYN-%s-%04d", week, index + 1),
        product[1]
            + " flaw allows "
            + (score.doubleValue() >= 7 ? "remote code execution" : "information disclosure"),
        List.of(cve),
        product[0],
        product[1],
        Optional.of("versions before " + (1 + random.nextInt(20)) + "." + random.nextInt(10)),
        Optional.empty(),
        Optional.empty(),
        Severity.fromScore(score),
        List.of(new Cvss("3.1", score, Optional.of(vector))),
        random.nextInt(20) == 0,
        random.nextInt(40) == 0,
        List.of(),
        Optional.empty(),
        "A flaw in "
            + product[1]
            + " (advisory "
            + (index + 1)
            + " of the week) lets an attacker affect the"
            + " confidentiality, integrity or availability of the system under some conditions.",
        Optional.of(
            "Apply the vendor's update; if that is not possible, restrict network access to the"
                + " service."),
        List.of("https://www.cve.org/CVERecord?id=" + cve),
        Optional.of(week.start().plusDays(random.nextInt(7))),
        Tlp.CLEAR);
  }

  private Map<String, Long> split(long total, String... keys) {
    Map<String, Long> parts = new LinkedHashMap<>();
    long left = total;
    for (int i = 0; i < keys.length - 1; i++) {
      long part = left == 0 ? 0 : random.nextInt((int) Math.min(Integer.MAX_VALUE, left / 2 + 1));
      parts.put(keys[i], part);
      left -= part;
    }
    parts.put(keys[keys.length - 1], left);
    return parts;
  }

  private static final String CONFIG =
      """
      {
        "issuer": {
          "name": "Synthetic CERT",
          "short_name": "SYN-CERT",
          "contact": { "email": "bulletin@cert.example", "web": "https://cert.example/" },
          "time_zone": "Asia/Shanghai",
          "language": "en"
        }
      }
      """;
}
