package org.certbulletin.cli;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.certbulletin.model.Role;
import org.certbulletin.service.UserAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cert-bulletin user list}: every user, with roles, clearance and state. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the users: roles, TLP clearance, and whether disabled or locked.")
final class UserListCommand implements Callable<Integer> {

  @Mixin ExitCodes.Standard exitCodes;

  private static final String ROW = "%-24s %-32s %-12s %s%n";

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions options;

  @Override
  public Integer call() {
    return AccessCommands.run(
        spec,
        options,
        (access, operator, out) -> {
          List<UserAccount> users = access.listUsers(operator, AccessCommands.FROM);
          if (users.isEmpty()) {
            out.println("no users; add one with: user add NAME --role ROLE");
            return ExitCode.OK;
          }
          Instant now = Instant.now();
          out.printf(Locale.ROOT, ROW, "NAME", "ROLES", "CLEARANCE", "STATE");
          for (UserAccount user : users) {
            out.printf(
                Locale.ROOT,
                ROW,
                user.name(),
                roles(user.roles()),
                user.clearance().code(),
                state(user, now));
          }
          return ExitCode.OK;
        });
  }

  static String roles(Set<Role> roles) {
    return EnumSet.copyOf(roles).stream().map(Role::code).collect(Collectors.joining(","));
  }

  private static String state(UserAccount user, Instant now) {
    if (user.disabled()) {
      return "disabled";
    }
    return user.locked(now)
        ? "locked until " + AccessCommands.time(user.lockedUntil().orElseThrow())
        : "active";
  }
}
