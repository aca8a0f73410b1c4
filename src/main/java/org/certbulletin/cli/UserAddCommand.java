package org.certbulletin.cli;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.service.UserAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cert-bulletin user add NAME --role ROLE[,ROLE]}: adds a person. */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = {
      "Add a user. The password comes from CERT_BULLETIN_PASSWORD, else from standard input (the"
          + " first line; asked for twice on a terminal), never from an argument; at least 12"
          + " characters."
    })
final class UserAddCommand implements Callable<Integer> {

  @Mixin ExitCodes.Standard exitCodes;

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions options;

  @Parameters(paramLabel = "NAME", description = "Letters, digits, '.', '_' or '-'; 1 to 64.")
  String name;

  @Option(
      names = "--role",
      required = true,
      split = ",",
      paramLabel = "ROLE",
      converter = AccessCommands.RoleConverter.class,
      description = "analyst, reviewer, operator or admin; several separated by commas.")
  List<Role> roles;

  @Option(
      names = "--clearance",
      paramLabel = "TLP",
      defaultValue = "CLEAR",
      converter = AccessCommands.TlpConverter.class,
      description =
          "The most restricted TLP label the user may receive: CLEAR, GREEN, AMBER, AMBER+STRICT"
              + " or RED (default: ${DEFAULT-VALUE}).")
  Tlp clearance;

  private final SecretInput secrets;

  UserAddCommand() {
    this(SecretInput.standard());
  }

  UserAddCommand(SecretInput secrets) {
    this.secrets = secrets;
  }

  @Override
  public Integer call() {
    return AccessCommands.run(
        spec,
        options,
        (access, operator, out) -> {
          char[] password = secrets.password(name);
          try {
            UserAccount added =
                access.addUser(
                    operator,
                    AccessCommands.FROM,
                    name,
                    EnumSet.copyOf(roles),
                    clearance,
                    password);
            out.println(
                "added user "
                    + added.name()
                    + ": roles "
                    + UserListCommand.roles(added.roles())
                    + "; clearance "
                    + added.clearance().label());
            return ExitCode.OK;
          } finally {
            Arrays.fill(password, '\0');
          }
        });
  }
}
