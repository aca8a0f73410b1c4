package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.Tlp;
import org.certbulletin.store.Database;
import org.certbulletin.testing.TestPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL (two services, each with its own connection pool and output folder)
 * share users, sign-ins, lockouts, tokens and the audit log.
 */
@Tag("slow")
class SharedAccessTest {

  private static final Principal ADMIN = Principal.system("cli:root");
  private static final String PASSWORD = "correct horse battery";

  @TempDir Path first;
  @TempDir Path second;

  private final ManualClock clock = new ManualClock(Instant.parse("2024-12-23T08:00:00Z"));

  @Test
  void aSessionLockoutAndTokenMadeOnOneNodeHoldOnTheOther() {
    String url = TestPostgres.newDatabase();
    try (Database a = open(url, first);
        Database b = open(url, second)) {
      AccessService nodeA = new AccessService(a, clock);
      AccessService nodeB = new AccessService(b, clock);
      nodeA.addUser(
          ADMIN, "local", "alice", Set.of(Role.ANALYST), Tlp.GREEN, PASSWORD.toCharArray());
      nodeA.addUser(ADMIN, "local", "bob", Set.of(Role.ANALYST), Tlp.GREEN, PASSWORD.toCharArray());

      Session session = nodeA.login("alice", PASSWORD.toCharArray(), "a").orElseThrow();
      assertThat(nodeB.session(session.id())).as("signed in on A, seen on B").isPresent();
      nodeB.logout(session.id(), "b");
      assertThat(nodeA.session(session.id())).as("signed out on B, gone on A").isEmpty();

      for (int i = 0; i < 5; i++) {
        AccessService node = i % 2 == 0 ? nodeA : nodeB;
        assertThat(node.login("bob", "wrong horse battery".toCharArray(), "x")).isEmpty();
      }
      assertThat(nodeA.login("bob", PASSWORD.toCharArray(), "x")).as("locked on A").isEmpty();
      assertThat(nodeB.login("bob", PASSWORD.toCharArray(), "x")).as("locked on B").isEmpty();
      assertThat(nodeB.login("alice", PASSWORD.toCharArray(), "x")).as("control").isPresent();

      String token = nodeA.createToken(ADMIN, "local", "soar", "alice", Optional.empty()).secret();
      assertThat(nodeB.authenticateToken(token, "b")).isPresent();
      nodeB.revokeToken(ADMIN, "local", "soar");
      assertThat(nodeA.authenticateToken(token, "a")).isEmpty();

      assertThat(nodeA.listAudit(ADMIN, "local", AuditQuery.newest(100)).entries())
          .as("one log")
          .isEqualTo(nodeB.listAudit(ADMIN, "local", AuditQuery.newest(100)).entries())
          .extracting(AuditEntry::from)
          .contains("a", "b");
    }
  }

  private static Database open(String url, Path out) {
    return Database.open(new StateSettings(Optional.of(url), true), new OutputLayout(out));
  }
}
