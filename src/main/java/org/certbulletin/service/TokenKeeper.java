package org.certbulletin.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Tlp;
import org.certbulletin.store.Accounts;
import org.certbulletin.store.ApiTokens;

/** API tokens: made with a random secret kept only as its hash, revoked, checked. */
final class TokenKeeper {

  private final ApiTokens tokens;
  private final Accounts accounts;
  private final Secrets secrets;
  private final AuditTrail audit;

  TokenKeeper(ApiTokens tokens, Accounts accounts, Secrets secrets, AuditTrail audit) {
    this.tokens = tokens;
    this.accounts = accounts;
    this.secrets = secrets;
    this.audit = audit;
  }

  /** A new token {@code name} for the active user {@code user}, with its secret. */
  IssuedToken create(String name, String user, Optional<Duration> validFor, Instant now) {
    AccountNames.check("token", name);
    AccountNames.check("user", user);
    Duration longest = AccessService.MAX_TOKEN_LIFETIME;
    if (validFor.isPresent()
        && (validFor.get().isNegative()
            || validFor.get().isZero()
            || validFor.get().compareTo(longest) > 0)) {
      throw AccountNames.badInput(
          "/expires",
          "a token's lifetime is more than nothing and at most "
              + longest.toDays()
              + " days (like P90D); not "
              + validFor.get());
    }
    Accounts.Account owner =
        AccessService.store(() -> accounts.find(user))
            .orElseThrow(
                () ->
                    AccountNames.badInput(
                        "/user", "there is no user " + user + "; add it first (user add)"));
    if (owner.disabled()) {
      throw AccountNames.badInput(
          "/user", "user " + user + " is disabled; enable it before giving it a token");
    }
    String secret = secrets.token();
    ApiTokens.Token token =
        new ApiTokens.Token(
            name,
            user,
            Secrets.sha256(secret),
            now,
            validFor.map(now::plus),
            Optional.empty(),
            Optional.empty());
    if (!AccessService.store(() -> tokens.add(token))) {
      throw ServiceFailure.Conflict.exists(
          "token " + name + " exists already; revoke it and choose another name");
    }
    return new IssuedToken(view(token), secret);
  }

  List<ApiToken> all() {
    return AccessService.store(tokens::all).stream().map(TokenKeeper::view).toList();
  }

  /** Revokes token {@code name}, which must exist and be unrevoked. */
  ApiToken revoke(String name, Instant now) {
    AccountNames.check("token", name);
    ApiTokens.Token token =
        AccessService.store(() -> tokens.find(name))
            .orElseThrow(() -> new ServiceFailure.NotFound("there is no token " + name));
    if (token.revoked().isPresent() || !AccessService.store(() -> tokens.revoke(name, now))) {
      throw new ServiceFailure.Conflict("token " + name + " was revoked already");
    }
    return view(AccessService.store(() -> tokens.find(name)).orElseThrow());
  }

  /** The principal of the token whose secret is {@code secret}; refusals are audited. */
  Optional<Principal> authenticate(String secret, String from, Instant now) {
    if (secret == null || !Secrets.looksLikeToken(secret)) {
      return unknown(from, "not a token");
    }
    Optional<ApiTokens.Token> found =
        AccessService.store(() -> tokens.bySecretHash(Secrets.sha256(secret)));
    if (found.isEmpty()) {
      return unknown(from, "unknown token");
    }
    ApiTokens.Token token = found.get();
    Optional<Accounts.Account> user = AccessService.store(() -> accounts.find(token.user()));
    String refusal =
        token.revoked().isPresent()
            ? "revoked"
            : token.expires().filter(e -> !now.isBefore(e)).isPresent()
                ? "expired"
                : user.isEmpty() || user.get().disabled() ? "its user is disabled" : "";
    Principal principal =
        new Principal(
            Principal.Kind.TOKEN,
            token.name(),
            token.user(),
            user.map(Accounts.Account::roles).orElse(Set.of()),
            user.map(Accounts.Account::clearance).orElse(Tlp.CLEAR));
    if (!refusal.isEmpty()) {
      audit.record(
          principal, "token.authenticate", token.name(), from, AuditEntry.Outcome.REFUSED, refusal);
      return Optional.empty();
    }
    AccessService.perform(() -> tokens.used(token.name(), now));
    return Optional.of(principal);
  }

  /** Audits a refused secret that names no token: its actor is {@code token:?}. */
  private Optional<Principal> unknown(String from, String detail) {
    audit.record(
        "token:?",
        Principal.Kind.TOKEN,
        "token.authenticate",
        "",
        from,
        AuditEntry.Outcome.REFUSED,
        detail);
    return Optional.empty();
  }

  private static ApiToken view(ApiTokens.Token token) {
    return new ApiToken(
        token.name(),
        token.user(),
        token.created(),
        token.expires(),
        token.revoked(),
        token.lastUsed());
  }
}
