package org.certbulletin.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A security advisory the bulletin relays: one product's vulnerabilities and what to do.
 *
 * <p>The {@code provenance} of an imported advisory is left out: it names the analysts' files and
 * sources, which are not for readers.
 *
 * @param affectedObject the type of object it affects, a part of the {@code
 *     vulnerabilities_by_object} tally (application, operating_system...)
 * @param cvss the base scores, the highest (which decides the severity) first: at most one per CVSS
 *     version
 * @param exploited known to be exploited: always so when it is in the KEV catalogue
 * @param kev its CVEs in CISA's Known Exploited Vulnerabilities catalogue
 * @param severity derived from the CVSS score when there is one; otherwise as given, or {@link
 *     Severity#UNASSIGNED} when none is given
 */
@JsonIgnoreProperties({"provenance"})
public record Advisory(
    String id,
    String title,
    List<String> cves,
    String vendor,
    String product,
    Optional<String> versions,
    Optional<String> fixedVersions,
    Optional<String> affectedObject,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Severity.Unrated.class)
        Severity severity,
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @JsonFormat(
            with = {
              JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
              JsonFormat.Feature.WRITE_SINGLE_ELEM_ARRAYS_UNWRAPPED
            })
        List<Cvss> cvss,
    boolean exploited,
    boolean zeroDay,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Kev> kev,
    Optional<Epss> epss,
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
    Objects.requireNonNull(fixedVersions, "fixedVersions == null");
    Objects.requireNonNull(affectedObject, "affectedObject == null");
    cvss = cvss.stream().sorted(Comparator.comparing(Cvss::score).reversed()).toList();
    Severity given = severity == null ? Severity.UNASSIGNED : severity;
    severity = cvss.isEmpty() ? given : cvss.get(0).severity();
    kev = List.copyOf(kev);
    Objects.requireNonNull(epss, "epss == null");
    exploited = exploited || !kev.isEmpty();
    Objects.requireNonNull(summary, "summary == null");
    Objects.requireNonNull(remediation, "remediation == null");
    references = List.copyOf(references);
    Objects.requireNonNull(published, "published == null");
    Objects.requireNonNull(tlp, "tlp == null");
  }

  /** The highest CVSS base score, if there is one. */
  public Optional<Cvss> topScore() {
    return cvss.stream().findFirst();
  }
}
