package org.certbulletin.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Tlp;
import org.certbulletin.store.Accounts;
import org.certbulletin.store.Sessions;

/**
 * Signing people in and out, and their sessions: lockout after repeated failures, idle and absolute
 * expiry, a new session id at every sign-in.
 */
final class SignIns {

  /** Failed sign-ins in a row that lock an account. */
  static final int LOCKOUT_FAILURES = 5;

  /** How long a lockout lasts. */
  static final Duration LOCKOUT = Duration.ofMinutes(15);

  static final int IDLE_MINUTES = 30;

  /** A session unused this long has ended. */
  static final Duration IDLE = Duration.ofMinutes(IDLE_MINUTES);

  /** A session ends this long after sign-in, however active. */
  static final Duration LIFETIME = Duration.ofHours(12);

  /** How the audit log names a sign-in to an account that does not exist. */
  private static final Principal UNKNOWN =
      new Principal(Principal.Kind.USER, "(unknown user)", "(unknown user)", Set.of(), Tlp.CLEAR);

  private final Sessions sessions;
  private final Accounts accounts;
  private final PasswordHashing hashing;
  private final Secrets secrets;
  private final AuditTrail audit;

  SignIns(
      DataSource dataSource,
      Accounts accounts,
      PasswordHashing hashing,
      Secrets secrets,
      AuditTrail audit) {
    this.sessions = new Sessions(dataSource);
    this.accounts = accounts;
    this.hashing = hashing;
    this.secrets = secrets;
    this.audit = audit;
  }

  /**
   * A new session for {@code name} if {@code password} is theirs and the account is neither
   * disabled nor locked; every refusal is audited with its reason, which the caller does not learn.
   * A password hashed with weaker parameters than new ones get is hashed again.
   *
   * @param previous the session the browser had before, ended whoever it was for
   */
  Optional<Session> login(
      String name, char[] password, String from, Optional<String> previous, Instant now) {
    // a password no account can have is not hashed, for an account or not, so the time of the
    // answer tells nothing about which names exist
    boolean hashable = password.length <= AccessService.MAX_PASSWORD_LENGTH;
    Optional<Accounts.Account> account =
        AccountNames.valid(name) ? accounts.find(name) : Optional.empty();
    if (account.isEmpty()) {
      if (hashable) {
        hashing.verifyNothing(password);
      }
      audit.record(UNKNOWN, "login", "", from, AuditEntry.Outcome.REFUSED, "no such user");
      return Optional.empty();
    }
    boolean matched = hashable && hashing.verify(password, account.get().passwordHash());
    Accounts.SignIn result = accounts.settle(name, matched, now, LOCKOUT_FAILURES, LOCKOUT);
    Principal who = principal(account.get());
    if (result != Accounts.SignIn.GRANTED) {
      audit.record(who, "login", name, from, AuditEntry.Outcome.REFUSED, reason(result, now));
      return Optional.empty();
    }
    if (hashing.weakerThanCurrent(account.get().passwordHash())) {
      accounts.setPasswordHash(name, hashing.hash(password), now);
    }
    audit.record(who, "login", name, from, AuditEntry.Outcome.OK, "");
    return Optional.of(start(who, previous, now));
  }

  /**
   * Gives {@code name} the password whose hash is {@code replacement} if {@code current} is their
   * password now, ends every session of theirs and starts a new one (a new id and CSRF token):
   * empty, and audited, if {@code current} is wrong or the account is locked or disabled. A wrong
   * password counts towards the lockout as a failed sign-in does.
   */
  Optional<Session> changePassword(
      String name,
      char[] current,
      String replacement,
      String from,
      Optional<String> previous,
      Instant now) {
    Optional<Accounts.Account> account = accounts.find(name);
    if (account.isEmpty()) {
      return Optional.empty();
    }
    boolean matched =
        current.length <= AccessService.MAX_PASSWORD_LENGTH
            && hashing.verify(current, account.get().passwordHash());
    Accounts.SignIn result = accounts.settle(name, matched, now, LOCKOUT_FAILURES, LOCKOUT);
    Principal who = principal(account.get());
    if (result != Accounts.SignIn.GRANTED) {
      audit.record(
          who,
          "password.change",
          name,
          from,
          AuditEntry.Outcome.REFUSED,
          result == Accounts.SignIn.WRONG_PASSWORD || result == Accounts.SignIn.LOCKED_NOW
              ? "the current password is wrong"
                  + (result == Accounts.SignIn.LOCKED_NOW
                      ? "; locked until " + now.plus(LOCKOUT)
                      : "")
              : reason(result, now));
      return Optional.empty();
    }
    accounts.setPasswordHash(name, replacement, now);
    int ended = sessions.endAll(name);
    audit.record(
        who,
        "password.change",
        name,
        from,
        AuditEntry.Outcome.OK,
        "new password; " + ended + " session(s) ended, a new one started");
    return Optional.of(start(who, previous, now));
  }

  /** A new session for {@code who}, ending {@code previous} (whoever it was for). */
  private Session start(Principal who, Optional<String> previous, Instant now) {
    String id = secrets.randomPart();
    Sessions.Session session =
        new Sessions.Session(
            Secrets.sha256(id), who.name(), secrets.randomPart(), now, now, now.plus(LIFETIME));
    sessions.start(
        session, previous.filter(Secrets::looksLikeSessionId).map(Secrets::sha256), IDLE);
    return new Session(id, who, session.csrfToken(), session.expires());
  }

  /** The open session {@code id}, recorded as active at {@code now}. */
  Optional<Session> session(String id, Instant now) {
    String hash = Secrets.sha256(id);
    Optional<Sessions.Session> found = sessions.find(hash);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Optional<Accounts.Account> account = accounts.find(found.get().user());
    if (!found.get().open(now, IDLE) || account.isEmpty() || account.get().disabled()) {
      sessions.end(hash);
      return Optional.empty();
    }
    sessions.seen(hash, now);
    return Optional.of(
        new Session(id, principal(account.get()), found.get().csrfToken(), found.get().expires()));
  }

  /** Ends session {@code id}, if it is there. */
  void logout(String id, String from, Instant now) {
    String hash = Secrets.sha256(id);
    Optional<Sessions.Session> found = sessions.find(hash);
    if (found.isPresent() && sessions.end(hash)) {
      String user = found.get().user();
      Principal who =
          accounts
              .find(user)
              .map(SignIns::principal)
              .orElse(new Principal(Principal.Kind.USER, user, user, Set.of(), Tlp.CLEAR));
      audit.record(who, "logout", user, from, AuditEntry.Outcome.OK, "");
    }
  }

  /** Ends every session of {@code user}, returning how many there were. */
  int endAll(String user) {
    return sessions.endAll(user);
  }

  static Principal principal(Accounts.Account account) {
    return new Principal(
        Principal.Kind.USER, account.name(), account.name(), account.roles(), account.clearance());
  }

  private static String reason(Accounts.SignIn result, Instant now) {
    return switch (result) {
      case WRONG_PASSWORD -> "wrong password";
      case LOCKED_NOW ->
          "wrong password, " + LOCKOUT_FAILURES + " in a row: locked until " + now.plus(LOCKOUT);
      case LOCKED -> "the account is locked after repeated failures";
      case DISABLED -> "the account is disabled";
      case UNKNOWN -> "no such user";
      case GRANTED -> "";
    };
  }
}
