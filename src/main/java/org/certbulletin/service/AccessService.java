package org.certbulletin.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.AuditSettings;
import org.certbulletin.model.Config;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.store.Accounts;
import org.certbulletin.store.ApiTokens;
import org.certbulletin.store.AuditLog;
import org.certbulletin.store.Database;
import org.certbulletin.store.DeliveryLedger;
import org.certbulletin.store.DeliveryRecords;
import org.certbulletin.store.StateUnavailableException;
import org.certbulletin.store.Subscribers;
import org.certbulletin.store.WeekVersions;

/**
 * Who may do what: user accounts with roles and a TLP clearance, API tokens for programs, sessions
 * for people signed in, and the audit log. The one type the doors (CLI, HTTP, scheduler) use for
 * these. All state is in the state database, so several nodes sharing one PostgreSQL share
 * sign-ins, lockouts and the log. Every change, and every refusal, is written to the audit log.
 *
 * <p>Managing users and tokens and reading the log take the {@code admin} role; the {@code by}
 * principal of each method is checked, then recorded.
 */
public final class AccessService implements AutoCloseable {

  /** The shortest password accepted. */
  public static final int MIN_PASSWORD_LENGTH = 12;

  /** The longest password accepted: no one types more, and hashing more is work for nothing. */
  public static final int MAX_PASSWORD_LENGTH = 1024;

  /** The longest a token may be made to last. */
  public static final Duration MAX_TOKEN_LIFETIME = Duration.ofDays(3660);

  /** What a refused sign-in says, whatever the reason: it never tells whether the user exists. */
  public static final String SIGN_IN_REFUSED =
      "sign-in refused: wrong name or password, or the account is disabled or locked for "
          + SignIns.LOCKOUT.toMinutes()
          + " minutes after "
          + SignIns.LOCKOUT_FAILURES
          + " failures; ask an admin if it goes on";

  private final Database owned;
  private final Database database;
  private final Accounts accounts;
  private final AuditTrail audit;
  private final Clock clock;
  private final PasswordHashing hashing;
  private final TokenKeeper tokens;
  private final SignIns signIns;
  private final Optional<Duration> retention;

  /**
   * The service on {@code database}, which stays the caller's to close, with no retention: the
   * audit log keeps every entry.
   */
  public AccessService(Database database, Clock clock) {
    this(database, clock, Optional.empty(), null);
  }

  /**
   * The service on {@code database}, which stays the caller's to close; {@link
   * #pruneAudit(Principal, String)} deletes audit entries older than {@code retention}.
   */
  public AccessService(Database database, Clock clock, Optional<Duration> retention) {
    this(database, clock, retention, null);
  }

  private AccessService(
      Database database, Clock clock, Optional<Duration> retention, Database owned) {
    SecureRandom random = new SecureRandom();
    Secrets secrets = new Secrets(random);
    this.owned = owned;
    this.database = database;
    this.accounts = new Accounts(database.dataSource());
    this.audit = new AuditTrail(new AuditLog(database.dataSource()), clock);
    this.clock = clock;
    this.hashing = new PasswordHashing(random);
    this.tokens = new TokenKeeper(new ApiTokens(database.dataSource()), accounts, secrets, audit);
    this.signIns = new SignIns(database.dataSource(), accounts, hashing, secrets, audit);
    this.retention = retention;
  }

  /**
   * The service on the state database {@code workspace}'s configuration names (created and migrated
   * if need be); {@link #close} closes the database.
   *
   * @throws org.certbulletin.model.InvalidDataException if the configuration is invalid
   * @throws ServiceFailure.Failed if the database cannot be opened
   */
  public static AccessService open(Workspace workspace, Clock clock) {
    var config = new DataDirectory(workspace.data()).config();
    var state = config.state();
    Database database;
    try {
      database = Database.open(state, new OutputLayout(workspace.out()));
    } catch (StateUnavailableException e) {
      throw new ServiceFailure.Failed(e.getMessage(), e);
    }
    return new AccessService(database, clock, config.audit().retain(), database);
  }

  /** The reports of the weeks' deliveries, on the same state database. */
  WeekReports weekReports() {
    return new WeekReports(
        new DeliveryLedger(database.dataSource()),
        new DeliveryRecords(database.dataSource()),
        clock);
  }

  /** The lists' subscribers, on the same state database, audited in the same log. */
  Subscriptions subscriptions(
      Supplier<Config> config, Map<String, String> environment, Subscriptions.Mailer mailer) {
    return new Subscriptions(
        new Subscribers(database.dataSource()), this, config, environment, mailer, clock);
  }

  /** The versions of the weeks in review, on the same state database. */
  WeekVersions weekVersions() {
    return new WeekVersions(database.dataSource());
  }

  // users

  /** Adds a user; {@code password} is wiped once hashed. */
  public UserAccount addUser(
      Principal by, String from, String name, Set<Role> roles, Tlp clearance, char[] password) {
    try {
      require(by, Role.ADMIN, "user.add", String.valueOf(name), from);
      AccountNames.check("user", name);
      if (roles.isEmpty()) {
        throw AccountNames.badInput(
            "/roles", "give a user at least one role: " + Role.ANALYST.code() + ", ...");
      }
      checkPassword(password);
      Instant now = now();
      Accounts.Account account =
          new Accounts.Account(
              name, roles, clearance, hashing.hash(password), false, 0, Optional.empty(), now, now);
      if (!store(() -> accounts.add(account))) {
        throw ServiceFailure.Conflict.exists("user " + name + " exists already");
      }
      log(by, "user.add", name, from, AuditEntry.Outcome.OK, describe(roles, clearance));
      return view(account);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** Every user, by name. */
  public List<UserAccount> listUsers(Principal by, String from) {
    require(by, Role.ADMIN, "user.list", "", from);
    return store(accounts::all).stream().map(AccessService::view).toList();
  }

  /** Disables a user: their sessions end and their tokens stop working until enabled again. */
  public UserAccount disable(Principal by, String from, String name) {
    require(by, Role.ADMIN, "user.disable", String.valueOf(name), from);
    AccountNames.check("user", name);
    if (!store(() -> accounts.setDisabled(name, true, now()))) {
      throw noUser(name);
    }
    int ended = store(() -> signIns.endAll(name));
    log(by, "user.disable", name, from, AuditEntry.Outcome.OK, ended + " session(s) ended");
    return user(name);
  }

  /** Enables a disabled user, and lifts a lockout. */
  public UserAccount enable(Principal by, String from, String name) {
    require(by, Role.ADMIN, "user.enable", String.valueOf(name), from);
    AccountNames.check("user", name);
    if (!store(() -> accounts.setDisabled(name, false, now()))) {
      throw noUser(name);
    }
    log(by, "user.enable", name, from, AuditEntry.Outcome.OK, "");
    return user(name);
  }

  /**
   * Changes what is given of a user's roles, clearance and whether they are disabled, in that
   * order, auditing each change; what is not given stays. Disabling ends their sessions.
   */
  public UserAccount updateUser(
      Principal by,
      String from,
      String name,
      Optional<Set<Role>> roles,
      Optional<Tlp> clearance,
      Optional<Boolean> disabled) {
    require(by, Role.ADMIN, "user.update", String.valueOf(name), from);
    AccountNames.check("user", name);
    UserAccount before = user(name);
    if (roles.isPresent() || clearance.isPresent()) {
      Set<Role> newRoles = roles.orElse(before.roles());
      if (newRoles.isEmpty()) {
        throw AccountNames.badInput(
            "/roles",
            "give a user at least one role; to stop someone signing in, disable them instead");
      }
      Tlp newClearance = clearance.orElse(before.clearance());
      if (!store(() -> accounts.setRoles(name, newRoles, newClearance, now()))) {
        throw noUser(name);
      }
      log(
          by,
          "user.update",
          name,
          from,
          AuditEntry.Outcome.OK,
          "was "
              + describe(before.roles(), before.clearance())
              + "; now "
              + describe(newRoles, newClearance));
    }
    if (disabled.isPresent() && disabled.get() != before.disabled()) {
      return disabled.get() ? disable(by, from, name) : enable(by, from, name);
    }
    return user(name);
  }

  /**
   * Gives a user a new password, lifts a lockout and ends their sessions; {@code password} is wiped
   * once hashed.
   */
  public UserAccount resetPassword(Principal by, String from, String name, char[] password) {
    try {
      require(by, Role.ADMIN, "user.reset", String.valueOf(name), from);
      AccountNames.check("user", name);
      checkPassword(password);
      String hash = hashing.hash(password);
      if (!store(() -> accounts.setPasswordHash(name, hash, now()))) {
        throw noUser(name);
      }
      int ended = store(() -> signIns.endAll(name));
      log(
          by,
          "user.reset",
          name,
          from,
          AuditEntry.Outcome.OK,
          "new password; " + ended + " session(s) ended");
      return user(name);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * A person's change of their own password: {@code current} must be their password now (a wrong
   * one counts towards the lockout); every session of theirs ends and a new one starts, which is
   * returned. Both passwords are wiped once used.
   *
   * @param session the id of the session the change is made in, ended with the others
   * @throws ServiceFailure.Forbidden if {@code by} is not a person signed in, or {@code current} is
   *     wrong
   */
  public Session changePassword(
      Principal by, String from, String session, char[] current, char[] replacement) {
    try {
      if (by.kind() != Principal.Kind.USER) {
        log(
            by,
            "password.change",
            by.user(),
            from,
            AuditEntry.Outcome.REFUSED,
            "not a person signed in");
        throw new ServiceFailure.Forbidden(
            by.actor()
                + " may not change a password this way: sign in as the person whose password it"
                + " is (an admin sets others' with resetPassword)");
      }
      checkPassword(replacement);
      String hash = hashing.hash(replacement);
      return store(
              () ->
                  signIns.changePassword(
                      by.name(), current, hash, from, Optional.ofNullable(session), now()))
          .orElseThrow(
              () ->
                  new ServiceFailure.Forbidden(
                      "the current password is wrong (or the account is locked or disabled);"
                          + " nothing changed"));
    } finally {
      Arrays.fill(current, '\0');
      Arrays.fill(replacement, '\0');
    }
  }

  // tokens

  /**
   * Makes an API token for {@code user}, valid for {@code validFor} or until revoked. The returned
   * secret is the only copy: only its hash is kept.
   */
  public IssuedToken createToken(
      Principal by, String from, String name, String user, Optional<Duration> validFor) {
    require(by, Role.ADMIN, "token.create", String.valueOf(name), from);
    IssuedToken issued = tokens.create(name, user, validFor, now());
    log(
        by,
        "token.create",
        name,
        from,
        AuditEntry.Outcome.OK,
        "for user " + user + validFor.map(d -> ", valid for " + d).orElse(", no expiry"));
    return issued;
  }

  /**
   * Every token, by name, revoked and expired ones too: an admin's list has everyone's, anyone
   * else's only the tokens acting for their own user.
   */
  public List<ApiToken> listTokens(Principal by, String from) {
    if (by.has(Role.ADMIN)) {
      return tokens.all();
    }
    return tokens.all().stream().filter(token -> token.user().equals(by.user())).toList();
  }

  /** Revokes a token for good. */
  public ApiToken revokeToken(Principal by, String from, String name) {
    require(by, Role.ADMIN, "token.revoke", String.valueOf(name), from);
    ApiToken revoked = tokens.revoke(name, now());
    log(by, "token.revoke", name, from, AuditEntry.Outcome.OK, "of user " + revoked.user());
    return revoked;
  }

  /**
   * Who presents {@code secret}: the token's principal, with its user's roles and clearance as they
   * are now; empty (and audited) for an unknown, revoked or expired token or a disabled user.
   */
  public Optional<Principal> authenticateToken(String secret, String from) {
    return tokens.authenticate(secret, from, now());
  }

  // sessions

  /**
   * Signs a person in: a new session with a new random id and CSRF token, or empty (and audited)
   * when refused, for any reason, which {@link #SIGN_IN_REFUSED} says without telling which. After
   * {@value SignIns#LOCKOUT_FAILURES} failures in a row the account is locked for 15 minutes;
   * {@code password} is wiped.
   */
  public Optional<Session> login(String name, char[] password, String from) {
    return login(name, password, from, Optional.empty());
  }

  /**
   * Signs a person in as {@link #login(String, char[], String)} does, ending the session the
   * browser had before ({@code previous}, whoever it was for): the id changes at every sign-in.
   */
  public Optional<Session> login(
      String name, char[] password, String from, Optional<String> previous) {
    try {
      return store(() -> signIns.login(name, password, from, previous, now()));
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * The open session with id {@code id}, recording it as active now; empty if there is none, it was
   * idle for {@value SignIns#IDLE_MINUTES} minutes, is older than 12 hours, or its user is
   * disabled.
   */
  public Optional<Session> session(String id) {
    if (id == null || !Secrets.looksLikeSessionId(id)) {
      return Optional.empty();
    }
    return store(() -> signIns.session(id, now()));
  }

  /** Ends the session {@code id}; nothing if it has ended already. */
  public void logout(String id, String from) {
    if (id != null && Secrets.looksLikeSessionId(id)) {
      perform(() -> signIns.logout(id, from, now()));
    }
  }

  // authorisation and audit

  /**
   * Returns if {@code who} holds {@code role}; otherwise writes a refused audit entry and throws.
   *
   * @throws ServiceFailure.Forbidden if {@code who} does not hold {@code role}
   */
  public void require(Principal who, Role role, String operation, String target, String from) {
    if (!who.has(role)) {
      log(
          who,
          operation,
          target,
          from,
          AuditEntry.Outcome.REFUSED,
          "needs the " + role.code() + " role");
      throw new ServiceFailure.Forbidden(
          who.actor() + " may not " + operation + ": it needs the " + role.code() + " role");
    }
  }

  /**
   * Returns if {@code who} may receive content marked {@code label}; otherwise writes a refused
   * audit entry and throws.
   *
   * @throws ServiceFailure.Forbidden if {@code who}'s clearance is below {@code label}
   */
  public void requireCleared(
      Principal who, Tlp label, String operation, String target, String from) {
    if (!who.cleared(label)) {
      log(
          who,
          operation,
          target,
          from,
          AuditEntry.Outcome.REFUSED,
          "needs clearance for " + label.label() + "; has " + who.clearance().label());
      throw new ServiceFailure.Forbidden(
          who.actor() + " may not " + operation + ": it is not cleared for " + label.label());
    }
  }

  /** Writes an audit entry for what {@code who} did (a publication, a send, an edit). */
  public void audit(
      Principal who,
      String operation,
      String target,
      String from,
      AuditEntry.Outcome outcome,
      String detail) {
    log(who, operation, target, from, outcome, detail);
  }

  /** The audit entries {@code query} asks for, newest first, saying whether there are more. */
  public AuditPage listAudit(Principal by, String from, AuditQuery query) {
    require(by, Role.ADMIN, "audit.list", "", from);
    return audit.page(query);
  }

  /**
   * Deletes the audit entries older than the retention {@code config.json} sets ({@code "audit":
   * {"retain": "P400D"}}); without that setting nothing is ever deleted.
   *
   * @return how many entries were deleted; empty if no retention is set
   */
  public OptionalInt pruneAudit(Principal by, String from) {
    require(by, Role.ADMIN, "audit.prune", "", from);
    if (retention.isEmpty()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(pruneAudit(by, from, retention.get()));
  }

  /**
   * Deletes the audit entries older than {@code retention}: the one way entries leave the log, for
   * a retention an operator set. Audited itself.
   *
   * @return how many entries were deleted
   */
  public int pruneAudit(Principal by, String from, Duration retention) {
    require(by, Role.ADMIN, "audit.prune", "", from);
    if (retention.isNegative() || retention.isZero()) {
      throw AccountNames.badInput("/retention", "a retention is more than nothing, like P365D");
    }
    Instant cutoff = now().minus(retention);
    int pruned = audit.pruneBefore(cutoff);
    log(
        by,
        "audit.prune",
        "",
        from,
        AuditEntry.Outcome.OK,
        pruned
            + " entries before "
            + cutoff
            + " (retention "
            + AuditSettings.text(retention)
            + ")");
    return pruned;
  }

  /** The retention {@code config.json} sets for the audit log; empty: entries are kept for ever. */
  public Optional<Duration> retention() {
    return retention;
  }

  /** Closes the database if {@link #open} opened it. */
  @Override
  public void close() {
    if (owned != null) {
      owned.close();
    }
  }

  // helpers

  private void log(
      Principal who,
      String operation,
      String target,
      String from,
      AuditEntry.Outcome outcome,
      String detail) {
    audit.record(who, operation, target, from, outcome, detail);
  }

  private static void checkPassword(char[] password) {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw AccountNames.badInput(
          "/password",
          "a password must be at least "
              + MIN_PASSWORD_LENGTH
              + " characters long; choose a longer one (a few words make a good one)");
    }
    if (password.length > MAX_PASSWORD_LENGTH) {
      throw AccountNames.badInput(
          "/password", "a password must be at most " + MAX_PASSWORD_LENGTH + " characters long");
    }
  }

  private UserAccount user(String name) {
    return view(store(() -> accounts.find(name)).orElseThrow(() -> noUser(name)));
  }

  private static ServiceFailure.NotFound noUser(String name) {
    return new ServiceFailure.NotFound("there is no user " + name);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  static String describe(Set<Role> roles, Tlp clearance) {
    return "roles "
        + EnumSet.copyOf(roles).stream().map(Role::code).collect(Collectors.joining(","))
        + "; clearance "
        + clearance.label();
  }

  static UserAccount view(Accounts.Account account) {
    return new UserAccount(
        account.name(),
        account.roles(),
        account.clearance(),
        account.disabled(),
        account.lockedUntil(),
        account.created(),
        account.updated());
  }

  /** Runs a store call that returns nothing, turning a database failure into the service's. */
  static void perform(Runnable call) {
    try {
      call.run();
    } catch (StateUnavailableException e) {
      throw new ServiceFailure.Failed(e.getMessage(), e);
    }
  }

  /** Runs a store call, turning a database failure into the service's. */
  static <T> T store(Supplier<T> call) {
    try {
      return call.get();
    } catch (StateUnavailableException e) {
      throw new ServiceFailure.Failed(e.getMessage(), e);
    }
  }
}
