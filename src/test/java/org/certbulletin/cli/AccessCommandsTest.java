package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Principal;
import org.certbulletin.service.AccessService;
import org.certbulletin.service.AuditQuery;
import org.certbulletin.service.Workspace;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * {@code user} and {@code token} as an admin runs them on the server: passwords from standard input
 * or the environment, never printed or logged; tokens printed once; every change audited.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class AccessCommandsTest {

  private static final String PASSWORD = "correct horse battery";

  private SampleWorkspace sample;
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private Level level;

  @BeforeEach
  void setUp(SampleWorkspace sample) {
    this.sample = sample;
    level = root.getLevel();
    root.setLevel(Level.TRACE);
    logged.start();
    root.addAppender(logged);
  }

  @AfterEach
  void tearDown() {
    root.detachAppender(logged);
    root.setLevel(level);
  }

  /** Runs the command line with {@code stdin} as standard input and {@code environment}. */
  private CommandLineRun run(String stdin, Map<String, String> environment, String... args) {
    SecretInput input =
        new SecretInput(
            environment, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false);
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
              if (constructor.getParameterCount() == 1
                  && constructor.getParameterTypes()[0] == SecretInput.class) {
                return type.cast(constructor.newInstance(input));
              }
            }
            return CommandLine.defaultFactory().create(type);
          }
        };
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            factory,
            CommandLineRun.join(sample.options(), args));
    return new CommandLineRun(code, out.toString(), err.toString());
  }

  private CommandLineRun run(String... args) {
    return run("", Map.of(), args);
  }

  private AccessService access() {
    return AccessService.open(
        new Workspace(sample.data(), sample.templates(), sample.out()), Clock.systemUTC());
  }

  private boolean signsIn(String user, String password) {
    try (AccessService access = access()) {
      return access.login(user, password.toCharArray(), "test").isPresent();
    }
  }

  @Test
  void addsAUserWithThePasswordFromStandardInputAndListsIt() {
    CommandLineRun added =
        run(
            PASSWORD + "\n",
            Map.of(),
            "user",
            "add",
            "alice",
            "--role",
            "analyst,reviewer",
            "--clearance",
            "amber");
    CommandLineRun list = run("user", "list");

    assertThat(added.exitCode()).as(added.err()).isZero();
    assertThat(added.out())
        .isEqualTo(line("added user alice: roles analyst,reviewer; clearance TLP:AMBER"));
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out())
        .containsPattern("(?m)^NAME +ROLES +CLEARANCE +STATE$")
        .containsPattern("(?m)^alice +analyst,reviewer +AMBER +active$");
    assertThat(signsIn("alice", PASSWORD)).isTrue();
    assertThat(signsIn("alice", PASSWORD + "\n")).isFalse();
    assertNowhere(PASSWORD, added, list);
  }

  @Test
  void takesThePasswordFromTheEnvironmentBeforeStandardInput() {
    String fromEnvironment = "a password in the environment";

    CommandLineRun added =
        run(
            PASSWORD + "\r\n",
            Map.of("CERT_BULLETIN_PASSWORD", fromEnvironment),
            "user",
            "add",
            "bob",
            "--role",
            "operator");

    assertThat(added.exitCode()).as(added.err()).isZero();
    assertThat(signsIn("bob", fromEnvironment)).isTrue();
    assertThat(signsIn("bob", PASSWORD)).isFalse();
    assertNowhere(fromEnvironment, added);
  }

  @Test
  void refusesAShortPasswordNoPasswordABadRoleOrNameWithExitTwo() {
    CommandLineRun shortOne =
        run("eleven char\n", Map.of(), "user", "add", "alice", "--role", "analyst");
    CommandLineRun none = run("", Map.of(), "user", "add", "alice", "--role", "analyst");
    CommandLineRun badRole =
        run(PASSWORD + "\n", Map.of(), "user", "add", "alice", "--role", "wizard");
    CommandLineRun badName =
        run(PASSWORD + "\n", Map.of(), "user", "add", "al ice", "--role", "analyst");
    CommandLineRun badClearance =
        run(
            PASSWORD + "\n",
            Map.of(),
            "user",
            "add",
            "alice",
            "--role",
            "analyst",
            "--clearance",
            "BLUE");

    assertThat(shortOne.exitCode()).isEqualTo(2);
    assertThat(shortOne.err())
        .isEqualTo(
            line(
                "error: a password must be at least 12 characters long; choose a longer one (a few"
                    + " words make a good one)"));
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("no password given: set CERT_BULLETIN_PASSWORD");
    assertThat(badRole.exitCode()).isEqualTo(2);
    assertThat(badRole.err())
        .contains("unknown role: 'wizard' (use analyst, reviewer, operator, admin)");
    assertThat(badName.exitCode()).isEqualTo(2);
    assertThat(badName.err()).contains("a user name is 1 to 64 letters");
    assertThat(badClearance.exitCode()).isEqualTo(2);
    assertThat(badClearance.err()).contains("unknown TLP label");
    assertNowhere("eleven char", shortOne);

    CommandLineRun control =
        run(PASSWORD + "\n", Map.of(), "user", "add", "alice", "--role", "analyst");
    assertThat(control.exitCode()).as(control.err()).isZero();
  }

  @Test
  void disablesEnablesAndResetsAUserAndRefusesAnUnknownOne() {
    run(PASSWORD + "\n", Map.of(), "user", "add", "alice", "--role", "analyst");

    CommandLineRun unknown = run("user", "disable", "bob");
    CommandLineRun disabled = run("user", "disable", "alice");
    assertThat(run("user", "list").out()).containsPattern("(?m)^alice .* disabled$");
    assertThat(signsIn("alice", PASSWORD)).isFalse();
    CommandLineRun enabled = run("user", "enable", "alice");
    assertThat(signsIn("alice", PASSWORD)).isTrue();
    CommandLineRun reset = run("a new long password\n", Map.of(), "user", "reset", "alice");

    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo(line("error: there is no user bob"));
    assertThat(disabled.exitCode()).as(disabled.err()).isZero();
    assertThat(disabled.out()).startsWith("disabled user alice:");
    assertThat(enabled.exitCode()).as(enabled.err()).isZero();
    assertThat(reset.exitCode()).as(reset.err()).isZero();
    assertThat(signsIn("alice", PASSWORD)).isFalse();
    assertThat(signsIn("alice", "a new long password")).isTrue();
    assertNowhere("a new long password", reset);
  }

  @Test
  void createsATokenPrintedOnceListsItWithoutItAndRevokesIt() {
    run(PASSWORD + "\n", Map.of(), "user", "add", "alice", "--role", "analyst");

    CommandLineRun created = run("token", "create", "soar", "--user", "alice", "--expires", "P90D");
    String secret = created.out().strip();
    CommandLineRun list = run("token", "list");
    boolean worked;
    try (AccessService access = access()) {
      worked = access.authenticateToken(secret, "test").isPresent();
    }
    CommandLineRun revoked = run("token", "revoke", "soar");
    CommandLineRun again = run("token", "revoke", "soar");

    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out()).matches("cbt_[A-Za-z0-9_-]{43}\\R");
    assertThat(created.err())
        .startsWith("token soar for user alice, valid until ")
        .contains("it will not be shown again");
    assertThat(worked).isTrue();
    assertThat(list.out()).containsPattern("(?m)^soar +alice .* active$").doesNotContain(secret);
    assertThat(revoked.out()).isEqualTo(line("revoked token soar (user alice)"));
    assertThat(run("token", "list").out()).containsPattern("(?m)^soar .* revoked$");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("revoked already");
    assertNowhere(secret, list, revoked, again);
  }

  @Test
  void refusesATokenForAnUnknownUserOrWithABadLifetime() {
    CommandLineRun unknown = run("token", "create", "soar", "--user", "bob");
    CommandLineRun badExpiry =
        run("token", "create", "soar", "--user", "bob", "--expires", "3 months");

    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("there is no user bob");
    assertThat(unknown.out()).isEmpty();
    assertThat(badExpiry.exitCode()).isEqualTo(2);
    assertThat(badExpiry.err()).contains("'3 months' is not a duration", "P90D");
  }

  @Test
  void everyChangeIsAuditedAsTheShellUser() {
    run(PASSWORD + "\n", Map.of(), "user", "add", "alice", "--role", "analyst");
    run("token", "create", "soar", "--user", "alice");
    run("token", "revoke", "soar");
    run("user", "disable", "alice");

    List<AuditEntry> entries;
    try (AccessService access = access()) {
      entries =
          access.listAudit(Principal.system("test"), "test", AuditQuery.newest(100)).entries();
    }
    assertThat(entries)
        .extracting(AuditEntry::operation)
        .containsExactly("user.disable", "token.revoke", "token.create", "user.add");
    assertThat(entries)
        .allSatisfy(
            e -> {
              assertThat(e.actor()).isEqualTo("cli:" + System.getProperty("user.name"));
              assertThat(e.actorKind()).isEqualTo(Principal.Kind.SYSTEM);
              assertThat(e.from()).isEqualTo("local");
            });
    assertThat(Optional.of(entries.get(3).detail())).contains("roles analyst; clearance TLP:CLEAR");
  }

  private static String line(String text) {
    return text + System.lineSeparator();
  }

  /** {@code secret} is in no output and no log event. */
  private void assertNowhere(String secret, CommandLineRun... runs) {
    for (CommandLineRun run : runs) {
      assertThat(run.out()).doesNotContain(secret);
      assertThat(run.err()).doesNotContain(secret);
    }
    assertThat(logged.list).as("log events").isNotEmpty();
    for (ILoggingEvent event : logged.list) {
      assertThat(event.getFormattedMessage()).doesNotContain(secret);
      if (event.getThrowableProxy() != null) {
        assertThat(event.getThrowableProxy().getMessage()).doesNotContain(secret);
      }
    }
  }
}
