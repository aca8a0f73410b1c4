package org.certbulletin.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.certbulletin.model.Principal;

/** A gate with fixed tokens and an audit log in memory, for the server's own tests. */
final class TestGate implements Gate {

  /** One line of the audit log. */
  record Line(String actor, String operation, String target, String outcome, String detail) {}

  private final Map<String, Principal> tokens = new ConcurrentHashMap<>();
  final List<Line> audit = new CopyOnWriteArrayList<>();

  TestGate token(String secret, Principal principal) {
    tokens.put(secret, principal);
    return this;
  }

  @Override
  public Optional<Principal> token(String secret) {
    return Optional.ofNullable(tokens.get(secret));
  }

  @Override
  public Optional<Session> session(String id) {
    return Optional.empty();
  }

  @Override
  public Optional<SignedIn> login(String name, char[] password, String from) {
    return Optional.empty();
  }

  @Override
  public void logout(String id) {}

  @Override
  public void audit(
      Principal who, String operation, String target, String from, String outcome, String detail) {
    audit.add(new Line(who.actor(), operation, target, outcome, detail));
  }
}
