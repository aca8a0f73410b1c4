package org.certbulletin.cli;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.certbulletin.service.ApiToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cert-bulletin token list}: every token, without its secret. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the API tokens: user, expiry, last use, and whether revoked or expired.")
final class TokenListCommand implements Callable<Integer> {

  @Mixin ExitCodes.Standard exitCodes;

  private static final String ROW = "%-24s %-24s %-20s %-20s %-20s %s%n";

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions options;

  @Override
  public Integer call() {
    return AccessCommands.run(
        spec,
        options,
        (access, operator, out) -> {
          List<ApiToken> tokens = access.listTokens(operator, AccessCommands.FROM);
          if (tokens.isEmpty()) {
            out.println("no tokens; make one with: token create NAME --user USER");
            return ExitCode.OK;
          }
          Instant now = Instant.now();
          out.printf(Locale.ROOT, ROW, "NAME", "USER", "CREATED", "EXPIRES", "LAST USED", "STATE");
          for (ApiToken token : tokens) {
            out.printf(
                Locale.ROOT,
                ROW,
                token.name(),
                token.user(),
                AccessCommands.time(token.created()),
                AccessCommands.time(token.expires()),
                AccessCommands.time(token.lastUsed()),
                token.revoked().isPresent() ? "revoked" : token.active(now) ? "active" : "expired");
          }
          return ExitCode.OK;
        });
  }
}
