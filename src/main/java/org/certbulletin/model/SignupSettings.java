package org.certbulletin.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether readers may ask to join a list by themselves, served by {@code serve}. A list marked
 * TLP:CLEAR is public: a confirmed address is subscribed. A list above it is vetted: a confirmed
 * request names its organisation and waits for an approver, unless its domain is allowed.
 *
 * @param allowedDomains domains whose confirmed requests are approved at once (a vetted list);
 *     {@code example.org} also allows its subdomains
 * @param approver the role that approves requests (absent: operator)
 */
public record SignupSettings(List<String> allowedDomains, Optional<Role> approver) {

  public SignupSettings {
    allowedDomains =
        allowedDomains == null
            ? List.of()
            : allowedDomains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).toList();
    approver = approver == null ? Optional.empty() : approver;
  }

  /** The role that decides requests. */
  public Role approverRole() {
    return approver.orElse(Role.OPERATOR);
  }

  /** Whether {@code address}'s domain is one of the allowed domains or below one. */
  public boolean preApproves(String address) {
    Objects.requireNonNull(address, "address == null");
    String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    return allowedDomains.stream().anyMatch(d -> domain.equals(d) || domain.endsWith("." + d));
  }
}
