package org.certbulletin.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The docs site: README.md and docs/**.md rendered to HTML in {@code target/site/} (README.md as
 * index.html), each page with its table of contents, links to .md and .adoc pages pointing at their
 * .html, and the pictures and other files the pages link to copied beside them. Run in {@code mvn
 * package} and by {@code mvn -B -q test-compile exec:java@docs}; the argument is the repository
 * root.
 */
public final class DocsSite {

  private static final String CSS =
      """
      body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1f2328; }
      header { padding: .6em 1.5em; background: #0b3d5c; }
      header a { color: #fff; text-decoration: none; margin-right: 1.5em; font-weight: 600; }
      .page { display: flex; gap: 2em; max-width: 78em; margin: 0 auto; padding: 1em 1.5em; }
      nav.toc { flex: 0 0 16em; font-size: .9em; position: sticky; top: 0; align-self: flex-start;
        max-height: 100vh; overflow-y: auto; }
      nav.toc ul { list-style: none; padding-left: 1em; margin: .2em 0; }
      nav.toc > ul { padding-left: 0; }
      nav.toc a { overflow-wrap: anywhere; }
      main { flex: 1; min-width: 0; }
      a { color: #0969da; }
      code, pre { font-family: ui-monospace, monospace; font-size: .9em; background: #f6f8fa; }
      code { padding: .1em .3em; border-radius: 4px; overflow-wrap: anywhere; }
      td:first-child code { white-space: nowrap; }
      pre { padding: 1em; overflow-x: auto; border-radius: 6px; }
      pre code { padding: 0; }
      table { border-collapse: collapse; margin: 1em 0; display: block; overflow-x: auto; }
      th, td { border: 1px solid #d0d7de; padding: .3em .6em; vertical-align: top; text-align: left; }
      th { background: #f6f8fa; }
      img { max-width: 100%; }
      @media (max-width: 50em) { .page { display: block; } nav.toc { position: static; } }
      """;

  private final Path root;
  private final Path out;

  DocsSite(Path root, Path out) {
    this.root = root;
    this.out = out;
  }

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    Path out = root.resolve("target/site");
    int pages = new DocsSite(root, out).write(DocsMarkdown.sources(root));
    System.out.println(
        "docs site: "
            + pages
            + " pages in "
            + root.relativize(out)
            + "/ (index.html from README.md)");
  }

  /**
   * Writes these pages (paths relative to the root) and the files they link to; returns how many
   * pages.
   */
  int write(List<Path> sources) throws IOException {
    Files.createDirectories(out);
    Files.writeString(out.resolve("site.css"), CSS, StandardCharsets.UTF_8);
    var copies = new TreeSet<Path>();
    for (Path source : sources) {
      String target = DocsMarkdown.sitePath(source);
      Path file = out.resolve(target);
      Files.createDirectories(file.getParent());
      Files.writeString(file, page(source, target, copies), StandardCharsets.UTF_8);
    }
    for (Path copy : copies) {
      Path to = out.resolve(root.relativize(copy));
      Files.createDirectories(to.getParent());
      Files.copy(copy, to, StandardCopyOption.REPLACE_EXISTING);
    }
    return sources.size();
  }

  private String page(Path source, String target, java.util.Set<Path> copies) {
    Node document = DocsMarkdown.parse(GeneratedPages.read(root.resolve(source)));
    Map<Heading, String> ids = DocsMarkdown.headingIds(document);
    Path folder = root.resolve(source).getParent();
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Link link) {
            link.setDestination(local(link.getDestination()));
            visitChildren(link);
          }

          @Override
          public void visit(Image image) {
            image.setDestination(local(image.getDestination()));
          }

          @Override
          public void visit(HtmlBlock html) {
            html.setLiteral(rewrite(html.getLiteral()));
          }

          @Override
          public void visit(HtmlInline html) {
            html.setLiteral(rewrite(html.getLiteral()));
          }

          private String rewrite(String literal) {
            Matcher matcher = DocsMarkdown.HTML_LINK.matcher(literal);
            StringBuilder rewritten = new StringBuilder();
            while (matcher.find()) {
              matcher.appendReplacement(
                  rewritten,
                  Matcher.quoteReplacement(
                      matcher.group(1) + "=\"" + local(matcher.group(2)) + "\""));
            }
            return matcher.appendTail(rewritten).toString();
          }

          private String local(String destination) {
            if (!DocsMarkdown.external(destination) && !destination.startsWith("#")) {
              String path = destination.replaceAll("#.*", "");
              Path linked = folder.resolve(path).normalize();
              if (linked.startsWith(root)
                  && Files.isRegularFile(linked)
                  && !path.endsWith(".md")
                  && !path.endsWith(".adoc")) {
                copies.add(linked);
              }
            }
            return DocsMarkdown.siteHref(destination);
          }
        });
    HtmlRenderer renderer =
        HtmlRenderer.builder()
            .extensions(List.of(TablesExtension.create()))
            .attributeProviderFactory(
                context ->
                    (node, tagName, attributes) -> {
                      if (node instanceof Heading heading && ids.containsKey(heading)) {
                        attributes.put("id", ids.get(heading));
                      }
                    })
            .build();
    String up = "../".repeat((int) target.chars().filter(c -> c == '/').count());
    return shell(title(ids, source), up, toc(ids), renderer.render(document));
  }

  private static String title(Map<Heading, String> ids, Path source) {
    return ids.keySet().stream()
        .filter(h -> h.getLevel() == 1)
        .map(DocsMarkdown::text)
        .findFirst()
        .orElse(source.getFileName().toString());
  }

  /** The page's level-2 and level-3 headings, nested, in document order. */
  private static String toc(Map<Heading, String> ids) {
    List<Heading> headings = new ArrayList<>(ids.keySet());
    headings.removeIf(h -> h.getLevel() < 2 || h.getLevel() > 3);
    if (headings.isEmpty()) {
      return "";
    }
    StringBuilder toc = new StringBuilder("<ul>\n");
    boolean inner = false;
    for (Heading heading : headings) {
      if (heading.getLevel() == 3 && !inner) {
        toc.append("<ul>\n");
        inner = true;
      } else if (heading.getLevel() == 2 && inner) {
        toc.append("</ul>\n");
        inner = false;
      }
      toc.append("<li><a href=\"#")
          .append(escape(ids.get(heading)))
          .append("\">")
          .append(escape(DocsMarkdown.text(heading)))
          .append("</a></li>\n");
    }
    return toc.append(inner ? "</ul>\n" : "").append("</ul>\n").toString();
  }

  private String shell(String title, String up, String toc, String body) {
    String docsIndex =
        Files.isRegularFile(root.resolve("docs/README.md"))
            ? "<a href=\"" + up + "docs/index.html\">Documentation</a>"
            : "";
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>"
        + escape(title)
        + " · cert-bulletin</title>\n<link rel=\"stylesheet\" href=\""
        + up
        + "site.css\">\n</head>\n<body>\n<header><a href=\""
        + up
        + "index.html\">cert-bulletin</a>"
        + docsIndex
        + "</header>\n<div class=\"page\">\n"
        + (toc.isEmpty() ? "" : "<nav class=\"toc\" aria-label=\"Contents\">\n" + toc + "</nav>\n")
        + "<main>\n"
        + body
        + "</main>\n</div>\n</body>\n</html>\n";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
