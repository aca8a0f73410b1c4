package org.certbulletin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A security advisory the bulletin relays: one product's vulnerabilities and what to do.
 *
 * @param severity derived from the CVSS score when there is one; otherwise as given, or {@link
 *     Severity#UNASSIGNED} when none is given
 */
public record Advisory(
    String id,
    String title,
    List<String> cves,
    String vendor,
    String product,
    Optional<String> versions,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Severity.Unrated.class)
        Severity severity,
    Optional<Cvss> cvss,
    boolean exploited,
    boolean zeroDay,
    String summary,
    Optional<String> remediation,
    List<String> references,
    Optional<LocalDate> published,
    Tlp tlp) {

  public Advisory {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(title, "title == null");
    cves = List.copyOf(cves);
    Objects.requireNonNull(vendor, "vendor == null");
    Objects.requireNonNull(product, "product == null");
    Objects.requireNonNull(versions, "versions == null");
    Objects.requireNonNull(cvss, "cvss == null");
    Severity given = severity == null ? Severity.UNASSIGNED : severity;
    severity = cvss.map(Cvss::severity).orElse(given);
    Objects.requireNonNull(summary, "summary == null");
    Objects.requireNonNull(remediation, "remediation == null");
    references = List.copyOf(references);
    Objects.requireNonNull(published, "published == null");
    Objects.requireNonNull(tlp, "tlp == null");
  }
}
