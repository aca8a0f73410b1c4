package org.certbulletin.docs;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;

/**
 * Checks the links of Markdown pages: a relative link must lead to a file or folder of the
 * repository, and a {@code #anchor} into a Markdown page (or the same page) to one of its headings
 * (GitHub's anchors, see {@link Slugs}) or HTML ids. Links with a scheme (https:, mailto:) are not
 * followed: the build has no network.
 */
final class DocsLinks {

  /** A link that leads nowhere: where it is, what it says, what is wrong. */
  record Broken(String file, int line, String link, String problem) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + link + ": " + problem;
    }
  }

  private final Path root;
  private final Map<Path, Set<String>> anchors = new HashMap<>();

  DocsLinks(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The broken links of these pages (paths relative to the root), in page and line order. */
  List<Broken> check(List<Path> pages) {
    List<Broken> broken = new ArrayList<>();
    for (Path page : pages) {
      String markdown = GeneratedPages.read(root.resolve(page));
      String name = page.toString().replace('\\', '/');
      Node document = DocsMarkdown.parse(markdown);
      document.accept(
          new AbstractVisitor() {
            @Override
            public void visit(Link link) {
              check(name, line(link), link.getDestination()).ifPresent(broken::add);
              visitChildren(link);
            }

            @Override
            public void visit(Image image) {
              check(name, line(image), image.getDestination()).ifPresent(broken::add);
            }

            @Override
            public void visit(HtmlBlock html) {
              html(html, html.getLiteral());
            }

            @Override
            public void visit(HtmlInline html) {
              html(html, html.getLiteral());
            }

            private void html(Node node, String literal) {
              Matcher matcher = DocsMarkdown.HTML_LINK.matcher(literal);
              while (matcher.find()) {
                int offset =
                    (int)
                        literal
                            .substring(0, matcher.start())
                            .chars()
                            .filter(c -> c == '\n')
                            .count();
                check(name, line(node) + offset, matcher.group(2)).ifPresent(broken::add);
              }
            }
          });
    }
    return broken;
  }

  private static int line(Node node) {
    for (Node n = node; n != null; n = n.getParent()) {
      List<SourceSpan> spans = n.getSourceSpans();
      if (!spans.isEmpty()) {
        return spans.get(0).getLineIndex() + 1;
      }
    }
    return 0;
  }

  private java.util.Optional<Broken> check(String page, int line, String destination) {
    if (destination.isEmpty()) {
      return java.util.Optional.of(new Broken(page, line, "(empty)", "the link has no target"));
    }
    if (DocsMarkdown.external(destination)) {
      return java.util.Optional.empty();
    }
    int hash = destination.indexOf('#');
    String pathPart =
        URLDecoder.decode(
            hash < 0 ? destination : destination.substring(0, hash), StandardCharsets.UTF_8);
    String fragment = hash < 0 ? "" : destination.substring(hash + 1);
    Path from = root.resolve(page);
    Path target =
        pathPart.isEmpty()
            ? from
            : pathPart.startsWith("/")
                ? root.resolve(pathPart.substring(1)).normalize()
                : from.getParent().resolve(pathPart).normalize();
    String problem = null;
    if (!target.startsWith(root)) {
      problem = "leads outside the repository";
    } else if (!Files.exists(target)) {
      problem = "no such file: " + root.relativize(target).toString().replace('\\', '/');
    } else if (!fragment.isEmpty() && target.toString().endsWith(".md")) {
      Set<String> known =
          anchors.computeIfAbsent(target, t -> DocsMarkdown.anchors(GeneratedPages.read(t)));
      String anchor = URLDecoder.decode(fragment, StandardCharsets.UTF_8);
      if (!known.contains(anchor)) {
        problem =
            "no heading or id '"
                + anchor
                + "' in "
                + root.relativize(target).toString().replace('\\', '/')
                + nearest(anchor, known);
      }
    }
    return java.util.Optional.ofNullable(problem).map(p -> new Broken(page, line, destination, p));
  }

  /** "; did you mean 'x'?" for the known anchor that shares the longest start with this one. */
  private static String nearest(String anchor, Set<String> known) {
    String best = null;
    int bestLength = 2;
    for (String candidate : known) {
      int common = 0;
      while (common < Math.min(anchor.length(), candidate.length())
          && anchor.charAt(common) == candidate.charAt(common)) {
        common++;
      }
      if (common > bestLength) {
        best = candidate;
        bestLength = common;
      }
    }
    return best == null ? "" : "; did you mean '" + best + "'?";
  }
}
