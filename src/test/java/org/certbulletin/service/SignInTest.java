package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.Tlp;
import org.certbulletin.store.Accounts;
import org.certbulletin.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** People signing in: lockout, sessions rotated at sign-in, idle and absolute expiry. */
class SignInTest {

  private static final Principal ADMIN = Principal.system("cli:test");
  private static final String PASSWORD = "correct horse battery";
  private static final String FROM = "192.0.2.7";

  @TempDir Path out;

  private final ManualClock clock = new ManualClock(Instant.parse("2024-12-23T08:00:00Z"));
  private Database database;
  private AccessService access;

  @BeforeEach
  void open() {
    database = Database.open(StateSettings.defaults(), new OutputLayout(out));
    access = new AccessService(database, clock);
    access.addUser(
        ADMIN, "local", "alice", Set.of(Role.ANALYST), Tlp.AMBER, PASSWORD.toCharArray());
  }

  @AfterEach
  void close() {
    database.close();
  }

  private Optional<Session> login(String name, String password) {
    return access.login(name, password.toCharArray(), FROM);
  }

  @Test
  void theRightPasswordSignsInWithTheUsersRolesAndClearance() {
    Session session = login("alice", PASSWORD).orElseThrow();

    assertThat(session.principal())
        .isEqualTo(
            new Principal(Principal.Kind.USER, "alice", "alice", Set.of(Role.ANALYST), Tlp.AMBER));
    assertThat(session.id()).hasSize(43).isNotEqualTo(session.csrfToken());
    assertThat(session.csrfMatches(session.csrfToken())).isTrue();
    assertThat(session.csrfMatches(session.csrfToken() + "x")).isFalse();
    assertThat(session.csrfMatches(null)).isFalse();
    assertThat(session.toString()).doesNotContain(session.id(), session.csrfToken());
    assertThat(access.session(session.id()).map(Session::principal)).contains(session.principal());
  }

  @Test
  void aWrongPasswordAndAnUnknownUserAreRefusedAlikeAndAudited() {
    assertThat(login("alice", "wrong horse battery")).isEmpty();
    assertThat(login("mallory", PASSWORD)).isEmpty();
    assertThat(login("not a name!", PASSWORD)).isEmpty();
    assertThat(login("alice", PASSWORD)).as("control").isPresent();

    assertThat(AccessService.SIGN_IN_REFUSED)
        .doesNotContain("alice", "mallory", "unknown", "exist");
    List<AuditEntry> logins = audit("login");
    assertThat(logins)
        .extracting(AuditEntry::actor, AuditEntry::outcome, AuditEntry::detail, AuditEntry::from)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("alice", AuditEntry.Outcome.OK, "", FROM),
            org.assertj.core.groups.Tuple.tuple(
                "(unknown user)", AuditEntry.Outcome.REFUSED, "no such user", FROM),
            org.assertj.core.groups.Tuple.tuple(
                "(unknown user)", AuditEntry.Outcome.REFUSED, "no such user", FROM),
            org.assertj.core.groups.Tuple.tuple(
                "alice", AuditEntry.Outcome.REFUSED, "wrong password", FROM));
    assertThat(logins).allSatisfy(e -> assertThat(e.toString()).doesNotContain("horse"));
  }

  @Test
  void fiveFailuresInARowLockTheAccountForFifteenMinutesEvenForTheRightPassword() {
    for (int i = 0; i < 4; i++) {
      assertThat(login("alice", "wrong horse battery")).isEmpty();
    }
    assertThat(user("alice").locked(clock.instant())).as("four failures").isFalse();
    assertThat(login("alice", "wrong horse battery")).isEmpty();

    assertThat(user("alice").locked(clock.instant())).isTrue();
    assertThat(login("alice", PASSWORD)).as("locked").isEmpty();
    clock.advance(Duration.ofMinutes(14));
    assertThat(login("alice", PASSWORD)).as("still locked").isEmpty();
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(login("alice", PASSWORD)).as("the lockout is over").isPresent();
    assertThat(audit("login").get(1).detail())
        .isEqualTo("the account is locked after repeated failures");
    assertThat(audit("login").get(3).detail()).startsWith("wrong password, 5 in a row: locked");
  }

  @Test
  void aSuccessEndsTheRunOfFailures() {
    for (int i = 0; i < 4; i++) {
      assertThat(login("alice", "wrong horse battery")).isEmpty();
    }
    assertThat(login("alice", PASSWORD)).isPresent();
    for (int i = 0; i < 4; i++) {
      assertThat(login("alice", "wrong horse battery")).isEmpty();
    }

    assertThat(login("alice", PASSWORD)).as("eight failures, never five in a row").isPresent();
  }

  @Test
  void enablingAUserLiftsALockout() {
    for (int i = 0; i < 5; i++) {
      login("alice", "wrong horse battery");
    }
    assertThat(login("alice", PASSWORD)).isEmpty();

    access.enable(ADMIN, "local", "alice");

    assertThat(login("alice", PASSWORD)).isPresent();
  }

  @Test
  void signingInWithTheOldSessionEndsItAndGivesANewId() {
    Session first = login("alice", PASSWORD).orElseThrow();

    Session second =
        access.login("alice", PASSWORD.toCharArray(), FROM, Optional.of(first.id())).orElseThrow();

    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(second.csrfToken()).isNotEqualTo(first.csrfToken());
    assertThat(access.session(first.id())).as("the old id").isEmpty();
    assertThat(access.session(second.id())).as("the new id").isPresent();
  }

  @Test
  void aSessionEndsAfterThirtyIdleMinutes() {
    Session session = login("alice", PASSWORD).orElseThrow();

    clock.advance(Duration.ofMinutes(29));
    assertThat(access.session(session.id())).as("29 minutes idle").isPresent();
    clock.advance(Duration.ofMinutes(29));
    assertThat(access.session(session.id())).as("used 29 minutes ago").isPresent();
    clock.advance(Duration.ofMinutes(31));

    assertThat(access.session(session.id())).as("31 minutes idle").isEmpty();
    clock.advance(Duration.ofMinutes(-31));
    assertThat(access.session(session.id())).as("an ended session stays ended").isEmpty();
  }

  @Test
  void aSessionEndsTwelveHoursAfterSignInHoweverActive() {
    Session session = login("alice", PASSWORD).orElseThrow();
    for (int i = 0; i < 35; i++) {
      clock.advance(Duration.ofMinutes(20));
      assertThat(access.session(session.id())).as("after %d minutes", 20 * (i + 1)).isPresent();
    }
    clock.advance(Duration.ofMinutes(20));

    assertThat(access.session(session.id())).as("after 12 hours").isEmpty();
  }

  @Test
  void logoutEndsTheSessionAndIsAudited() {
    Session session = login("alice", PASSWORD).orElseThrow();
    Session other = login("alice", PASSWORD).orElseThrow();

    access.logout(session.id(), FROM);

    assertThat(access.session(session.id())).isEmpty();
    assertThat(access.session(other.id())).as("another browser").isPresent();
    assertThat(audit("logout")).singleElement().extracting(AuditEntry::actor).isEqualTo("alice");
    access.logout(session.id(), FROM);
    assertThat(audit("logout")).as("nothing more to end").hasSize(1);
  }

  @Test
  void disablingOrResettingAUserEndsTheirSessions() {
    Session before = login("alice", PASSWORD).orElseThrow();
    access.resetPassword(ADMIN, "local", "alice", "a brand new passphrase".toCharArray());

    assertThat(access.session(before.id())).isEmpty();
    assertThat(login("alice", PASSWORD)).as("the old password").isEmpty();
    Session after =
        access.login("alice", "a brand new passphrase".toCharArray(), FROM).orElseThrow();
    assertThat(access.session(after.id())).isPresent();

    access.disable(ADMIN, "local", "alice");

    assertThat(access.session(after.id())).isEmpty();
    assertThat(access.login("alice", "a brand new passphrase".toCharArray(), FROM)).isEmpty();
  }

  @Test
  void aHashWithWeakerParametersIsReplacedAtTheNextSignIn() {
    Accounts accounts = new Accounts(database.dataSource());
    PasswordHashing older =
        new PasswordHashing(new SecureRandom(), new PasswordHashing.Parameters(8192, 1, 1));
    accounts.setPasswordHash("alice", older.hash(PASSWORD.toCharArray()), clock.instant());

    assertThat(login("alice", "wrong horse battery")).isEmpty();
    assertThat(accounts.find("alice").orElseThrow().passwordHash())
        .as("a failed sign-in changes nothing")
        .startsWith("$argon2id$v=19$m=8192,t=1,p=1$");
    assertThat(login("alice", PASSWORD)).isPresent();

    assertThat(accounts.find("alice").orElseThrow().passwordHash())
        .startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(login("alice", PASSWORD)).as("the new hash").isPresent();
  }

  @Test
  void madeUpSessionIdsFindNothing() {
    Session session = login("alice", PASSWORD).orElseThrow();

    assertThat(access.session("x".repeat(43))).isEmpty();
    assertThat(access.session("../../etc/passwd")).isEmpty();
    assertThat(access.session(null)).isEmpty();
    assertThat(access.session(session.id())).isPresent();
  }

  private UserAccount user(String name) {
    return access.listUsers(ADMIN, "local").stream()
        .filter(u -> u.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private List<AuditEntry> audit(String operation) {
    return access
        .listAudit(
            ADMIN,
            "local",
            new AuditQuery(
                Optional.empty(), Optional.of(operation), Optional.empty(), Optional.empty(), 100))
        .entries();
  }
}
