package org.certbulletin.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.certbulletin.cli.CommandTree;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The CLI reference: one AsciiDoc man page per command and subcommand, written by picocli-codegen's
 * {@link ManPageGenerator} from the commands themselves ({@code cert-bulletin.adoc} for the
 * program, {@code cert-bulletin-build.adoc}, {@code cert-bulletin-user-add.adoc}, ...). The build
 * turns them into man pages and HTML.
 */
final class CliPages implements PageGenerator {

  static final String FOLDER = "docs/reference/cli";

  /**
   * The program's name in the pages: the installed command, where {@code --help} names the launcher
   * {@code mvn package} writes.
   */
  private static final String PROGRAM = "cert-bulletin";

  @Override
  public String folder() {
    return FOLDER;
  }

  @Override
  public SortedMap<String, String> pages() {
    CommandSpec program = CommandTree.commandLine().getCommandSpec();
    program.name(PROGRAM);
    // ManPageGenerator writes the version into :revnumber: and :mansource:; the pages name none, so
    // that a page changes only when its command does, and the build gives the man pages it makes
    // from them the version it builds (asciidoctor-maven-plugin's attributes in pom.xml)
    program.versionProvider(null);
    program.version(new String[0]);
    // the help's colours would be escape sequences in the pages
    program
        .commandLine()
        .setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    Path folder;
    try {
      folder = Files.createTempDirectory("cli-pages");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      int exit =
          ManPageGenerator.generateManPage(folder.toFile(), null, new boolean[0], true, program);
      if (exit != 0) {
        throw new IllegalStateException("ManPageGenerator exited with " + exit);
      }
      SortedMap<String, String> pages = new TreeMap<>();
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.sorted().toList()) {
          pages.put(
              FOLDER + "/" + file.getFileName(),
              tidy(Files.readString(file, StandardCharsets.UTF_8)));
        }
      }
      return pages;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(folder);
    }
  }

  /**
   * {@code page} under a comment saying it is generated, with Unix line ends, and its exit codes'
   * section titled as a man page's section (ManPageGenerator makes the title of the help's heading,
   * {@code "%nExit codes:%n"}).
   */
  private static String tidy(String page) {
    return "// Generated from the commands (org.certbulletin.cli) by picocli-codegen, through `"
        + GeneratedPages.REFRESH
        + "`: do not edit by hand; change the command and run it.\n"
        + page.replace("\r\n", "\n").replace("\n==  Exit codes:\n", "\n== Exit codes\n");
  }

  private static void delete(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
      for (Path file : all) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
