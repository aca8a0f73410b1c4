package org.certbulletin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An advisory's entry in CISA's Known Exploited Vulnerabilities catalogue.
 *
 * @param cves the advisory's CVEs the catalogue lists
 * @param dateAdded when the first of them was added
 * @param dueDate the earliest date by which CISA requires US federal agencies to remediate
 * @param ransomware known to be used in ransomware campaigns
 */
public record Kev(
    List<String> cves,
    LocalDate dateAdded,
    Optional<LocalDate> dueDate,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean ransomware) {

  public Kev {
    cves = List.copyOf(cves);
    Objects.requireNonNull(dateAdded, "dateAdded == null");
    Objects.requireNonNull(dueDate, "dueDate == null");
  }

  /** Whether the catalogue added it during {@code week}. */
  public boolean addedIn(WeekId week) {
    return !dateAdded.isBefore(week.start()) && !dateAdded.isAfter(week.end());
  }
}
