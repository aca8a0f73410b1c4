package org.certbulletin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One of an advisory's CVEs in CISA's Known Exploited Vulnerabilities catalogue.
 *
 * @param dateAdded when the catalogue added it
 * @param dueDate the date by which CISA requires US federal agencies to remediate it
 * @param ransomware known to be used in ransomware campaigns
 */
public record Kev(
    String cve,
    LocalDate dateAdded,
    Optional<LocalDate> dueDate,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean ransomware) {

  public Kev {
    Objects.requireNonNull(cve, "cve == null");
    Objects.requireNonNull(dateAdded, "dateAdded == null");
    Objects.requireNonNull(dueDate, "dueDate == null");
  }

  /** Whether the catalogue added it during {@code week}. */
  public boolean addedIn(WeekId week) {
    return !dateAdded.isBefore(week.start()) && !dateAdded.isAfter(week.end());
  }
}
