package org.certbulletin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.store.Accounts.SignIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tables of accounts, tokens, sessions and the audit log, as each database the product supports
 * keeps them: the same tests run on H2 and on PostgreSQL.
 */
abstract class AccessStoreContract {

  static final Instant T0 = Instant.parse("2024-12-23T08:00:00Z");
  private static final Duration LOCKOUT = Duration.ofMinutes(15);

  private Database database;
  private Accounts accounts;

  /** A new, empty, migrated database. */
  abstract Database open();

  @BeforeEach
  void openDatabase() {
    database = open();
    accounts = new Accounts(database.dataSource());
  }

  @AfterEach
  void closeDatabase() {
    database.close();
  }

  Database database() {
    return database;
  }

  private static Accounts.Account account(String name) {
    return new Accounts.Account(
        name,
        Set.of(Role.ANALYST, Role.ADMIN),
        Tlp.AMBER_STRICT,
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        false,
        0,
        Optional.empty(),
        T0,
        T0);
  }

  @Test
  void keepsAnAccountAsGivenAndRefusesASecondOfTheSameName() {
    Accounts.Account alice = account("alice");

    assertThat(accounts.add(alice)).isTrue();
    assertThat(accounts.add(account("alice"))).isFalse();
    assertThat(accounts.add(account("bob"))).isTrue();

    assertThat(accounts.find("alice")).contains(alice);
    assertThat(accounts.find("carol")).isEmpty();
    assertThat(accounts.all()).extracting(Accounts.Account::name).containsExactly("alice", "bob");
  }

  @Test
  void theFifthFailureInARowLocksUntilTheLockoutEnds() {
    accounts.add(account("alice"));
    for (int i = 0; i < 4; i++) {
      assertThat(accounts.settle("alice", false, T0, 5, LOCKOUT)).isEqualTo(SignIn.WRONG_PASSWORD);
    }

    assertThat(accounts.settle("alice", false, T0, 5, LOCKOUT)).isEqualTo(SignIn.LOCKED_NOW);
    assertThat(accounts.find("alice").orElseThrow().lockedUntil()).contains(T0.plus(LOCKOUT));
    assertThat(accounts.settle("alice", true, T0.plus(LOCKOUT).minusMillis(1), 5, LOCKOUT))
        .isEqualTo(SignIn.LOCKED);
    assertThat(accounts.settle("alice", true, T0.plus(LOCKOUT), 5, LOCKOUT))
        .isEqualTo(SignIn.GRANTED);
    assertThat(accounts.find("alice").orElseThrow().lockedUntil()).isEmpty();
  }

  @Test
  void aDisabledOrMissingAccountIsRefusedWhateverThePassword() {
    accounts.add(account("alice"));
    assertThat(accounts.settle("alice", true, T0, 5, LOCKOUT)).isEqualTo(SignIn.GRANTED);

    assertThat(accounts.setDisabled("alice", true, T0)).isTrue();
    assertThat(accounts.settle("alice", true, T0, 5, LOCKOUT)).isEqualTo(SignIn.DISABLED);
    assertThat(accounts.settle("bob", true, T0, 5, LOCKOUT)).isEqualTo(SignIn.UNKNOWN);
    assertThat(accounts.setDisabled("bob", true, T0)).isFalse();
    assertThat(accounts.setPasswordHash("bob", "x", T0)).isFalse();
  }

  @Test
  void findsATokenByTheHashOfItsSecretAndRevokesItOnce() {
    accounts.add(account("alice"));
    ApiTokens tokens = new ApiTokens(database.dataSource());
    ApiTokens.Token token =
        new ApiTokens.Token(
            "soar",
            "alice",
            "a".repeat(64),
            T0,
            Optional.of(T0.plus(Duration.ofDays(90))),
            Optional.empty(),
            Optional.empty());

    assertThat(tokens.add(token)).isTrue();
    assertThat(tokens.add(token)).isFalse();
    assertThat(tokens.bySecretHash("a".repeat(64))).contains(token);
    assertThat(tokens.bySecretHash("b".repeat(64))).isEmpty();

    tokens.used("soar", T0.plusSeconds(10));
    tokens.used("soar", T0.plusSeconds(20));
    assertThat(tokens.find("soar").orElseThrow().lastUsed())
        .as("a use just after another is not written")
        .contains(T0.plusSeconds(10));
    tokens.used("soar", T0.plusSeconds(100));
    assertThat(tokens.find("soar").orElseThrow().lastUsed()).contains(T0.plusSeconds(100));

    assertThat(tokens.revoke("soar", T0.plusSeconds(200))).isTrue();
    assertThat(tokens.revoke("soar", T0.plusSeconds(300))).isFalse();
    assertThat(tokens.all())
        .singleElement()
        .satisfies(t -> assertThat(t.revoked()).contains(T0.plusSeconds(200)));
  }

  @Test
  void startingASessionEndsTheOneItReplacesAndThoseThatTimedOut() {
    accounts.add(account("alice"));
    Sessions sessions = new Sessions(database.dataSource());
    Duration idle = Duration.ofMinutes(30);
    Sessions.Session old = session("1", T0);
    Sessions.Session replaced = session("2", T0.plus(Duration.ofMinutes(40)));
    Sessions.Session other = session("3", T0.plus(Duration.ofMinutes(40)));
    sessions.start(old, Optional.empty(), idle);
    sessions.start(replaced, Optional.empty(), idle);
    sessions.start(other, Optional.empty(), idle);

    sessions.start(
        session("4", T0.plus(Duration.ofMinutes(50))), Optional.of(replaced.idHash()), idle);

    assertThat(sessions.find(old.idHash())).as("timed out").isEmpty();
    assertThat(sessions.find(replaced.idHash())).as("replaced").isEmpty();
    assertThat(sessions.find(other.idHash())).as("another browser's").contains(other);
    assertThat(sessions.endAll("alice")).isEqualTo(2);
    assertThat(sessions.end(other.idHash())).isFalse();
  }

  @Test
  void keepsAuditEntriesNewestFirstCutToTheirColumnsAndPrunesOnlyOlderOnes() {
    AuditLog log = new AuditLog(database.dataSource());
    String nul = "a NUL " + (char) 0 + " in a target from a request";
    long first = log.append(entry(T0, "publish", "2024-W51", "x".repeat(5000)));
    long second = log.append(entry(T0.plusSeconds(60), "send", nul, "🔑".repeat(1500)));

    assertThat(second).isGreaterThan(first);
    assertThat(
            log.newest(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 10))
        .satisfiesExactly(
            newest -> {
              assertThat(newest.id()).isEqualTo(second);
              assertThat(newest.target()).isEqualTo(nul.replace((char) 0, '\uFFFD'));
              assertThat(newest.detail()).hasSize(AuditLog.DETAIL_LIMIT).endsWith("🔑");
              assertThat(newest.at()).isEqualTo(T0.plusSeconds(60));
            },
            oldest -> assertThat(oldest.detail()).hasSize(AuditLog.DETAIL_LIMIT));
    assertThat(
            log.newest(
                Optional.of("cli:root"),
                Optional.of("send"),
                Optional.empty(),
                Optional.empty(),
                10))
        .extracting(AuditEntry::id)
        .containsExactly(second);
    assertThat(
            log.newest(
                Optional.empty(),
                Optional.empty(),
                Optional.of(T0.plusSeconds(1)),
                Optional.empty(),
                10))
        .extracting(AuditEntry::id)
        .containsExactly(second);
    assertThat(
            log.newest(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(second), 10))
        .extracting(AuditEntry::id)
        .containsExactly(first);

    assertThat(log.pruneBefore(T0.plusSeconds(60))).isEqualTo(1);
    assertThat(
            log.newest(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 10))
        .extracting(AuditEntry::id)
        .containsExactly(second);
  }

  private static Sessions.Session session(String id, Instant at) {
    return new Sessions.Session(
        id.repeat(64), "alice", "csrf" + id, at, at, at.plus(Duration.ofHours(12)));
  }

  private static AuditEntry entry(Instant at, String operation, String target, String detail) {
    return new AuditEntry(
        0,
        at,
        "cli:root",
        Principal.Kind.SYSTEM,
        operation,
        target,
        "local",
        AuditEntry.Outcome.OK,
        detail);
  }
}
