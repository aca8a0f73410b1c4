package org.certbulletin.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/** The Markdown pages of the docs, parsed as GitHub shows them (CommonMark with GFM tables). */
final class DocsMarkdown {

  /** {@code id="x"} or {@code name="x"} in raw HTML: an anchor a link may name too. */
  static final Pattern HTML_ANCHOR = Pattern.compile("\\b(?:id|name)\\s*=\\s*\"([^\"]+)\"");

  /** {@code href="x"} or {@code src="x"} in raw HTML: a link. */
  static final Pattern HTML_LINK = Pattern.compile("\\b(href|src)\\s*=\\s*\"([^\"]+)\"");

  private static final Parser PARSER =
      Parser.builder()
          .extensions(List.of(TablesExtension.create()))
          .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
          .build();

  private DocsMarkdown() {}

  /** README.md and every .md under docs/, repository-relative, in a stable order. */
  static List<Path> sources(Path root) {
    List<Path> sources = new ArrayList<>();
    if (Files.isRegularFile(root.resolve("README.md"))) {
      sources.add(Path.of("README.md"));
    }
    Path docs = root.resolve("docs");
    if (Files.isDirectory(docs)) {
      try (Stream<Path> files = Files.walk(docs)) {
        files
            .filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".md"))
            .map(root::relativize)
            .sorted()
            .forEach(sources::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sources;
  }

  static Node parse(String markdown) {
    return PARSER.parse(markdown);
  }

  /** Each heading's anchor, as GitHub makes them, in document order. */
  static Map<Heading, String> headingIds(Node document) {
    Map<Heading, String> ids = new LinkedHashMap<>(); // nodes are equal only to themselves
    Slugs slugs = new Slugs();
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Heading heading) {
            ids.put(heading, slugs.next(text(heading)));
          }
        });
    return ids;
  }

  /** Every anchor a link into this document may name: its headings' and its raw HTML's ids. */
  static Set<String> anchors(String markdown) {
    Node document = parse(markdown);
    Set<String> anchors = new LinkedHashSet<>(headingIds(document).values());
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(HtmlBlock html) {
            add(html.getLiteral());
          }

          @Override
          public void visit(HtmlInline html) {
            add(html.getLiteral());
          }

          private void add(String html) {
            Matcher matcher = HTML_ANCHOR.matcher(html);
            while (matcher.find()) {
              anchors.add(matcher.group(1));
            }
          }
        });
    return anchors;
  }

  /** A heading's plain text, as GitHub slugs it: text and code, without markup or raw HTML. */
  static String text(Node node) {
    StringBuilder text = new StringBuilder();
    node.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Text t) {
            text.append(t.getLiteral());
          }

          @Override
          public void visit(Code code) {
            text.append(code.getLiteral());
          }
        });
    return text.toString();
  }

  /**
   * Where a link points in the site: a .md page becomes its .html (README.md: index.html), .adoc
   * too.
   */
  static String siteHref(String destination) {
    if (external(destination) || destination.startsWith("#")) {
      return destination;
    }
    int hash = destination.indexOf('#');
    String path = hash < 0 ? destination : destination.substring(0, hash);
    String fragment = hash < 0 ? "" : destination.substring(hash);
    if (path.equals("README.md") || path.endsWith("/README.md")) {
      path = path.substring(0, path.length() - "README.md".length()) + "index.html";
    } else if (path.endsWith(".md")) {
      path = path.substring(0, path.length() - 3) + ".html";
    } else if (path.endsWith(".adoc")) {
      path = path.substring(0, path.length() - 5) + ".html";
    }
    return path + fragment;
  }

  /** The page a Markdown file becomes in the site. */
  static String sitePath(Path source) {
    return siteHref(source.toString().replace('\\', '/'));
  }

  /** A link with a scheme (https:, mailto:...), which leaves the repository. */
  static boolean external(String destination) {
    return destination.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") || destination.startsWith("//");
  }
}
