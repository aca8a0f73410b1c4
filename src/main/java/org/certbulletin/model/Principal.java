package org.certbulletin.model;

import java.util.Objects;
import java.util.Set;

/**
 * Who asks the service to do something: a person signed in, a program with an API token, or the
 * product itself (the scheduler, a shell user on the server). Every action is attributed to one.
 *
 * @param name the user's name; for a token, its own name ({@code soar-playbook})
 * @param user the user a token acts for; the name itself for a person
 * @param clearance the most restricted TLP label this principal may receive
 */
public record Principal(Kind kind, String name, String user, Set<Role> roles, Tlp clearance) {

  /** How a principal proved who it is. */
  public enum Kind {
    /** A person signed in with a password. */
    USER,
    /** A program with an API token. */
    TOKEN,
    /** The product itself: the scheduler, or a shell user of the server, who has every right. */
    SYSTEM
  }

  public Principal {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(user, "user == null");
    roles = Set.copyOf(roles);
    Objects.requireNonNull(clearance, "clearance == null");
  }

  /** The product itself, acting for {@code who} ({@code scheduler}, {@code cli:alice}). */
  public static Principal system(String who) {
    return new Principal(Kind.SYSTEM, who, who, Set.of(Role.values()), Tlp.RED);
  }

  /** Whether this principal holds {@code role}. */
  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** Whether this principal may receive content marked {@code label}. */
  public boolean cleared(Tlp label) {
    return clearance.permits(label);
  }

  /**
   * How the audit log names it: {@code alice}, {@code token:soar-playbook (alice)}, {@code
   * cli:root}.
   */
  public String actor() {
    return switch (kind) {
      case USER, SYSTEM -> name;
      case TOKEN -> "token:" + name + " (" + user + ")";
    };
  }
}
