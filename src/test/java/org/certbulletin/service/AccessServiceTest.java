package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.Tlp;
import org.certbulletin.store.AuditLog;
import org.certbulletin.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users, tokens, roles and the audit log through the service, on the embedded database. */
class AccessServiceTest {

  private static final Principal ADMIN = Principal.system("cli:root");
  private static final String PASSWORD = "correct horse battery";

  @TempDir Path out;

  private final ManualClock clock = new ManualClock(Instant.parse("2024-12-23T08:00:00Z"));
  private Database database;
  private AccessService access;

  @BeforeEach
  void open() {
    database = Database.open(StateSettings.defaults(), new OutputLayout(out));
    access = new AccessService(database, clock);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private UserAccount add(String name, Tlp clearance, Role... roles) {
    return access.addUser(ADMIN, "local", name, Set.of(roles), clearance, PASSWORD.toCharArray());
  }

  @Test
  void addsAUserListsItWithoutAPasswordAndWipesThePasswordGiven() {
    char[] password = PASSWORD.toCharArray();

    UserAccount alice =
        access.addUser(
            ADMIN, "local", "alice", Set.of(Role.ANALYST, Role.REVIEWER), Tlp.AMBER, password);

    assertThat(password).containsOnly('\0');
    assertThat(alice.roles()).containsExactlyInAnyOrder(Role.ANALYST, Role.REVIEWER);
    assertThat(access.listUsers(ADMIN, "local")).containsExactly(alice);
    assertThat(alice.toString()).doesNotContain("argon2");
    assertThat(auditOf("user.add"))
        .extracting(AuditEntry::actor, AuditEntry::target, AuditEntry::detail)
        .containsExactly(tuple("cli:root", "alice", "roles analyst,reviewer; clearance TLP:AMBER"));
  }

  @Test
  void refusesShortPasswordsBadNamesNoRolesAndDuplicatesSayingWhatToDo() {
    assertThatThrownBy(
            () ->
                access.addUser(
                    ADMIN,
                    "local",
                    "bob",
                    Set.of(Role.ANALYST),
                    Tlp.CLEAR,
                    "elevenchars".toCharArray()))
        .isInstanceOf(ServiceFailure.BadInput.class)
        .hasMessageContaining("at least 12 characters")
        .hasMessageNotContaining("elevenchars");
    assertThatThrownBy(() -> add("bob smith", Tlp.CLEAR, Role.ANALYST))
        .isInstanceOf(ServiceFailure.BadInput.class)
        .hasMessageContaining("1 to 64 letters");
    assertThatThrownBy(() -> add("b".repeat(65), Tlp.CLEAR, Role.ANALYST))
        .isInstanceOf(ServiceFailure.BadInput.class);
    assertThatThrownBy(() -> add("bob", Tlp.CLEAR))
        .isInstanceOf(ServiceFailure.BadInput.class)
        .hasMessageContaining("at least one role");

    assertThat(add("b.o_b-1", Tlp.CLEAR, Role.ANALYST).name()).as("control").isEqualTo("b.o_b-1");
    assertThatThrownBy(() -> add("b.o_b-1", Tlp.CLEAR, Role.ANALYST))
        .isInstanceOf(ServiceFailure.Conflict.class)
        .hasMessage("user b.o_b-1 exists already");
    assertThat(access.listUsers(ADMIN, "local")).hasSize(1);
  }

  @Test
  void onlyAnAdminManagesUsersAndTokensAndEachRefusalIsAudited() {
    add("alice", Tlp.AMBER, Role.ANALYST, Role.OPERATOR);
    add("root", Tlp.RED, Role.ADMIN);
    Principal alice =
        access.login("alice", PASSWORD.toCharArray(), "10.0.0.1").orElseThrow().principal();
    Principal admin =
        access.login("root", PASSWORD.toCharArray(), "10.0.0.2").orElseThrow().principal();

    assertThatThrownBy(
            () ->
                access.addUser(
                    alice, "10.0.0.1", "eve", Set.of(Role.ADMIN), Tlp.RED, PASSWORD.toCharArray()))
        .isInstanceOf(ServiceFailure.Forbidden.class)
        .hasMessage("alice may not user.add: it needs the admin role");
    assertThatThrownBy(() -> access.createToken(alice, "10.0.0.1", "t", "alice", Optional.empty()))
        .isInstanceOf(ServiceFailure.Forbidden.class);
    assertThatThrownBy(() -> access.listUsers(alice, "10.0.0.1"))
        .isInstanceOf(ServiceFailure.Forbidden.class);
    assertThatThrownBy(() -> access.listAudit(alice, "10.0.0.1", AuditQuery.newest(10)))
        .isInstanceOf(ServiceFailure.Forbidden.class);

    assertThat(
            access.addUser(
                admin, "10.0.0.2", "eve", Set.of(Role.ANALYST), Tlp.CLEAR, PASSWORD.toCharArray()))
        .as("control: an admin may")
        .isNotNull();
    List<AuditEntry> refused =
        access.listAudit(ADMIN, "local", AuditQuery.newest(100)).entries().stream()
            .filter(e -> e.outcome() == AuditEntry.Outcome.REFUSED)
            .toList();
    assertThat(refused)
        .extracting(AuditEntry::actor, AuditEntry::operation, AuditEntry::target, AuditEntry::from)
        .containsExactly(
            tuple("alice", "audit.list", "", "10.0.0.1"),
            tuple("alice", "user.list", "", "10.0.0.1"),
            tuple("alice", "token.create", "t", "10.0.0.1"),
            tuple("alice", "user.add", "eve", "10.0.0.1"));
    assertThat(auditOf("user.add").get(0))
        .extracting(AuditEntry::actor, AuditEntry::outcome)
        .containsExactly("root", AuditEntry.Outcome.OK);
  }

  @Test
  void requireRefusesAndAuditsWhatARoleOrClearanceDoesNotAllow() {
    Principal analyst =
        new Principal(Principal.Kind.USER, "alice", "alice", Set.of(Role.ANALYST), Tlp.GREEN);

    access.require(analyst, Role.ANALYST, "buildWeek", "2024-W51", "10.0.0.1");
    access.requireCleared(analyst, Tlp.GREEN, "getEdition", "2024-W51 en GREEN", "10.0.0.1");
    assertThat(access.listAudit(ADMIN, "local", AuditQuery.newest(10)).entries())
        .as("what is allowed leaves no refusal")
        .isEmpty();

    assertThatThrownBy(() -> access.require(analyst, Role.OPERATOR, "publish", "", "10.0.0.1"))
        .isInstanceOf(ServiceFailure.Forbidden.class)
        .hasMessage("alice may not publish: it needs the operator role");
    assertThatThrownBy(
            () ->
                access.requireCleared(
                    analyst, Tlp.AMBER, "getEdition", "2024-W51 en AMBER", "10.0.0.1"))
        .isInstanceOf(ServiceFailure.Forbidden.class)
        .hasMessage("alice may not getEdition: it is not cleared for TLP:AMBER");
    assertThat(access.listAudit(ADMIN, "local", AuditQuery.newest(10)).entries())
        .extracting(AuditEntry::operation, AuditEntry::outcome, AuditEntry::detail)
        .containsExactly(
            tuple(
                "getEdition",
                AuditEntry.Outcome.REFUSED,
                "needs clearance for TLP:AMBER; has TLP:GREEN"),
            tuple("publish", AuditEntry.Outcome.REFUSED, "needs the operator role"));
  }

  @Test
  void aTokenActsWithItsUsersRolesAndClearanceAndIsKeptOnlyAsAHash() throws Exception {
    add("alice", Tlp.AMBER, Role.ANALYST);

    IssuedToken issued =
        access.createToken(ADMIN, "local", "soar", "alice", Optional.of(Duration.ofDays(90)));

    assertThat(issued.secret()).matches("cbt_[A-Za-z0-9_-]{43}");
    assertThat(issued.toString()).doesNotContain(issued.secret());
    assertThat(issued.token().expires()).contains(clock.instant().plus(Duration.ofDays(90)));
    assertThat(access.authenticateToken(issued.secret(), "10.0.0.9"))
        .contains(
            new Principal(Principal.Kind.TOKEN, "soar", "alice", Set.of(Role.ANALYST), Tlp.AMBER));
    assertThat(access.listTokens(ADMIN, "local"))
        .singleElement()
        .satisfies(t -> assertThat(t.lastUsed()).contains(clock.instant()));
    assertThat(columnValues("SELECT * FROM cb_api_token"))
        .doesNotContain(issued.secret(), issued.secret().substring(4));
    assertThat(access.listAudit(ADMIN, "local", AuditQuery.newest(100)).entries())
        .allSatisfy(e -> assertThat(e.toString()).doesNotContain(issued.secret()));
  }

  @Test
  void expiredRevokedAndUnknownTokensAndThoseOfDisabledUsersAreRefused() {
    add("alice", Tlp.AMBER, Role.ANALYST);
    String shortLived =
        access
            .createToken(ADMIN, "local", "short", "alice", Optional.of(Duration.ofDays(1)))
            .secret();
    String revoked = access.createToken(ADMIN, "local", "gone", "alice", Optional.empty()).secret();
    String valid = access.createToken(ADMIN, "local", "valid", "alice", Optional.empty()).secret();
    access.revokeToken(ADMIN, "local", "gone");
    clock.advance(Duration.ofDays(1));

    assertThat(access.authenticateToken(shortLived, "x")).as("expired").isEmpty();
    assertThat(access.authenticateToken(revoked, "x")).as("revoked").isEmpty();
    assertThat(access.authenticateToken("cbt_" + "A".repeat(43), "x")).as("unknown").isEmpty();
    assertThat(access.authenticateToken("Bearer nonsense", "x")).as("not a token").isEmpty();
    assertThat(access.authenticateToken(valid, "x")).as("control").isPresent();

    access.disable(ADMIN, "local", "alice");
    assertThat(access.authenticateToken(valid, "x")).as("its user disabled").isEmpty();
    access.enable(ADMIN, "local", "alice");
    assertThat(access.authenticateToken(valid, "x")).as("its user enabled again").isPresent();

    assertThat(auditOf("token.authenticate"))
        .extracting(AuditEntry::actor, AuditEntry::detail)
        .containsExactly(
            tuple("token:valid (alice)", "its user is disabled"),
            tuple("token:?", "not a token"),
            tuple("token:?", "unknown token"),
            tuple("token:gone (alice)", "revoked"),
            tuple("token:short (alice)", "expired"));
    assertThat(access.listTokens(ADMIN, "local"))
        .extracting(ApiToken::name, t -> t.active(clock.instant()))
        .containsExactly(tuple("gone", false), tuple("short", false), tuple("valid", true));
  }

  @Test
  void tokensNeedAnActiveUserAUniqueNameAndASensibleLifetime() {
    add("alice", Tlp.AMBER, Role.ANALYST);

    assertThatThrownBy(() -> access.createToken(ADMIN, "local", "t", "bob", Optional.empty()))
        .isInstanceOf(ServiceFailure.BadInput.class)
        .hasMessageContaining("there is no user bob");
    assertThatThrownBy(
            () -> access.createToken(ADMIN, "local", "t", "alice", Optional.of(Duration.ZERO)))
        .isInstanceOf(ServiceFailure.BadInput.class)
        .hasMessageContaining("P90D");
    access.createToken(ADMIN, "local", "t", "alice", Optional.empty());
    assertThatThrownBy(() -> access.createToken(ADMIN, "local", "t", "alice", Optional.empty()))
        .isInstanceOf(ServiceFailure.Conflict.class);
    assertThatThrownBy(() -> access.revokeToken(ADMIN, "local", "nope"))
        .isInstanceOf(ServiceFailure.NotFound.class);
    access.revokeToken(ADMIN, "local", "t");
    assertThatThrownBy(() -> access.revokeToken(ADMIN, "local", "t"))
        .isInstanceOf(ServiceFailure.Conflict.class)
        .hasMessageContaining("revoked already");
    access.disable(ADMIN, "local", "alice");
    assertThatThrownBy(() -> access.createToken(ADMIN, "local", "u", "alice", Optional.empty()))
        .isInstanceOf(ServiceFailure.BadInput.class)
        .hasMessageContaining("disabled");
  }

  @Test
  void everyChangeIsAuditedWithWhoAndWhat() {
    add("alice", Tlp.AMBER, Role.ANALYST);
    access.createToken(ADMIN, "local", "soar", "alice", Optional.empty());
    access.revokeToken(ADMIN, "local", "soar");
    access.resetPassword(ADMIN, "local", "alice", "another long password".toCharArray());
    access.disable(ADMIN, "local", "alice");
    access.enable(ADMIN, "local", "alice");
    access.audit(ADMIN, "publish", "2024-W51", "local", AuditEntry.Outcome.OK, "3 editions");

    assertThat(access.listAudit(ADMIN, "local", AuditQuery.newest(100)).entries())
        .extracting(
            AuditEntry::actor, AuditEntry::actorKind, AuditEntry::operation, AuditEntry::target)
        .containsExactly(
            tuple("cli:root", Principal.Kind.SYSTEM, "publish", "2024-W51"),
            tuple("cli:root", Principal.Kind.SYSTEM, "user.enable", "alice"),
            tuple("cli:root", Principal.Kind.SYSTEM, "user.disable", "alice"),
            tuple("cli:root", Principal.Kind.SYSTEM, "user.reset", "alice"),
            tuple("cli:root", Principal.Kind.SYSTEM, "token.revoke", "soar"),
            tuple("cli:root", Principal.Kind.SYSTEM, "token.create", "soar"),
            tuple("cli:root", Principal.Kind.SYSTEM, "user.add", "alice"));
    assertThat(access.listAudit(ADMIN, "local", AuditQuery.newest(100)).entries())
        .allSatisfy(e -> assertThat(e.toString()).doesNotContain("horse", "another long password"));
  }

  @Test
  void aListOfTheAuditLogSaysWhenThereIsMoreAndPagesOn() {
    for (int i = 0; i < 5; i++) {
      access.audit(ADMIN, "publish", "week " + i, "local", AuditEntry.Outcome.OK, "");
      clock.advance(Duration.ofMinutes(1));
    }
    Instant third = Instant.parse("2024-12-23T08:02:00Z");

    AuditPage first = access.listAudit(ADMIN, "local", AuditQuery.newest(2));
    AuditPage second =
        access.listAudit(
            ADMIN,
            "local",
            new AuditQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(first.entries().get(1).id()),
                2));
    AuditPage since =
        access.listAudit(
            ADMIN,
            "local",
            new AuditQuery(
                Optional.of("cli:root"),
                Optional.of("publish"),
                Optional.of(third),
                Optional.empty(),
                3));

    assertThat(first.entries()).extracting(AuditEntry::target).containsExactly("week 4", "week 3");
    assertThat(first.more()).isTrue();
    assertThat(second.entries()).extracting(AuditEntry::target).containsExactly("week 2", "week 1");
    assertThat(since.entries())
        .extracting(AuditEntry::target)
        .containsExactly("week 4", "week 3", "week 2");
    assertThat(since.more()).as("exactly the limit").isFalse();
    assertThatThrownBy(() -> access.listAudit(ADMIN, "local", AuditQuery.newest(0)))
        .isInstanceOf(ServiceFailure.BadInput.class);
    assertThatThrownBy(() -> access.listAudit(ADMIN, "local", AuditQuery.newest(1001)))
        .isInstanceOf(ServiceFailure.BadInput.class)
        .hasMessageContaining("1 to 1000");
  }

  @Test
  void noMethodChangesAnAuditEntryAndPruningDeletesOnlyOlderOnes() {
    assertThat(publicMethods(AuditLog.class)).containsOnly("append", "newest", "pruneBefore");
    assertThat(publicMethods(AccessService.class).filter(n -> n.matches("(?i).*audit.*")))
        .containsOnly("audit", "listAudit", "pruneAudit");
    access.audit(ADMIN, "publish", "old", "local", AuditEntry.Outcome.OK, "");
    clock.advance(Duration.ofDays(400));
    access.audit(ADMIN, "publish", "new", "local", AuditEntry.Outcome.OK, "");

    assertThat(access.pruneAudit(ADMIN, "local", Duration.ofDays(365))).isEqualTo(1);

    assertThat(access.listAudit(ADMIN, "local", AuditQuery.newest(10)).entries())
        .extracting(AuditEntry::operation, AuditEntry::target)
        .containsExactly(tuple("audit.prune", ""), tuple("publish", "new"));
  }

  private static java.util.stream.Stream<String> publicMethods(Class<?> type) {
    return Arrays.stream(type.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
        .map(Method::getName);
  }

  private List<AuditEntry> auditOf(String operation) {
    return access
        .listAudit(
            ADMIN,
            "local",
            new AuditQuery(
                Optional.empty(), Optional.of(operation), Optional.empty(), Optional.empty(), 100))
        .entries();
  }

  private List<String> columnValues(String sql) throws Exception {
    try (var c = database.dataSource().getConnection();
        var s = c.createStatement();
        var r = s.executeQuery(sql)) {
      List<String> values = new java.util.ArrayList<>();
      while (r.next()) {
        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
          values.add(String.valueOf(r.getObject(i)));
        }
      }
      return values;
    }
  }
}
