package org.certbulletin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkedContentReference;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureNode;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDMarkedContent;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.text.PDFMarkedContentExtractor;
import org.apache.pdfbox.text.TextPosition;

/**
 * A tagged PDF's logical structure as PDFBox reads it back: the structure elements in reading order
 * with their text, the text drawn as artifacts, and the link annotations.
 */
public final class PdfStructure {

  /**
   * One structure element, at {@code depth} below the root, with its text (its own content's and
   * that of the elements under it).
   */
  public record Element(
      int depth, String type, String alt, String lang, Optional<String> scope, String text) {}

  /**
   * A link annotation: where it points, its alternate description, and whether a Link structure
   * element holds it (it has a /StructParent).
   */
  public record Link(String uri, String contents, boolean inStructure) {}

  private final List<Element> elements;
  private final List<String> artifacts;
  private final List<Link> links;
  private final String catalogLanguage;
  private final boolean marked;

  private PdfStructure(
      List<Element> elements,
      List<String> artifacts,
      List<Link> links,
      String catalogLanguage,
      boolean marked) {
    this.elements = List.copyOf(elements);
    this.artifacts = List.copyOf(artifacts);
    this.links = List.copyOf(links);
    this.catalogLanguage = catalogLanguage;
    this.marked = marked;
  }

  /** Reads the structure of {@code pdf}; an untagged PDF has no elements. */
  public static PdfStructure of(byte[] pdf) {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      Map<COSDictionary, Map<Integer, String>> texts = new HashMap<>();
      List<String> artifacts = new ArrayList<>();
      List<Link> links = new ArrayList<>();
      for (PDPage page : document.getPages()) {
        PDFMarkedContentExtractor extractor = new PDFMarkedContentExtractor();
        extractor.processPage(page);
        Map<Integer, String> byMcid = new HashMap<>();
        for (PDMarkedContent content : extractor.getMarkedContents()) {
          collect(content, byMcid, artifacts, false);
        }
        texts.put(page.getCOSObject(), byMcid);
        for (PDAnnotation annotation : page.getAnnotations()) {
          if (annotation instanceof PDAnnotationLink link) {
            String uri =
                link.getAction()
                        instanceof org.apache.pdfbox.pdmodel.interactive.action.PDActionURI action
                    ? action.getURI()
                    : "";
            links.add(
                new Link(
                    uri,
                    annotation.getContents(),
                    annotation.getCOSObject().containsKey(COSName.STRUCT_PARENT)));
          }
        }
      }
      List<Element> elements = new ArrayList<>();
      var root = document.getDocumentCatalog().getStructureTreeRoot();
      if (root != null) {
        walk(root, null, 0, texts, elements);
      }
      var markInfo = document.getDocumentCatalog().getMarkInfo();
      return new PdfStructure(
          elements,
          artifacts,
          links,
          document.getDocumentCatalog().getLanguage(),
          markInfo != null && markInfo.isMarked());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The structure elements in reading order. */
  public List<Element> elements() {
    return elements;
  }

  /** The elements of one structure type ({@code "H1"}, {@code "Figure"}...), in reading order. */
  public List<Element> elements(String type) {
    return elements.stream().filter(e -> e.type().equals(type)).toList();
  }

  /** The text drawn as artifacts (running headers and footers, repeated table headers...). */
  public List<String> artifacts() {
    return artifacts;
  }

  /** The link annotations on all pages. */
  public List<Link> links() {
    return links;
  }

  /** The document language in the catalog, or {@code null}. */
  public String catalogLanguage() {
    return catalogLanguage;
  }

  /** Whether the catalog's MarkInfo says the document is tagged. */
  public boolean marked() {
    return marked;
  }

  private static void collect(
      PDMarkedContent content,
      Map<Integer, String> byMcid,
      List<String> artifacts,
      boolean inArtifact) {
    boolean artifact = inArtifact || "Artifact".equals(content.getTag());
    StringBuilder text = new StringBuilder();
    for (Object item : content.getContents()) {
      if (item instanceof TextPosition position) {
        text.append(position.getUnicode());
      } else if (item instanceof PDMarkedContent nested) {
        collect(nested, byMcid, artifacts, artifact);
      }
    }
    if (artifact && !inArtifact) {
      artifacts.add(text.toString());
    } else if (!artifact && content.getMCID() >= 0) {
      byMcid.merge(content.getMCID(), text.toString(), String::concat);
    }
  }

  /** Adds the elements under {@code node} to {@code out}; returns their text, in order. */
  private static String walk(
      PDStructureNode node,
      PDPage inherited,
      int depth,
      Map<COSDictionary, Map<Integer, String>> texts,
      List<Element> out) {
    StringBuilder all = new StringBuilder();
    for (Object kid : node.getKids()) {
      if (kid instanceof PDStructureElement element) {
        PDPage page = element.getPage() != null ? element.getPage() : inherited;
        int at = out.size();
        out.add(null);
        String text = walk(element, page, depth + 1, texts, out);
        out.set(
            at,
            new Element(
                depth,
                element.getStructureType(),
                element.getAlternateDescription(),
                element.getLanguage(),
                scope(element),
                text));
        all.append(text);
      } else {
        all.append(ownText(kid, inherited, texts));
      }
    }
    return all.toString();
  }

  private static String ownText(
      Object kid, PDPage page, Map<COSDictionary, Map<Integer, String>> texts) {
    if (kid instanceof Integer mcid && page != null) {
      return texts.getOrDefault(page.getCOSObject(), Map.of()).getOrDefault(mcid, "");
    }
    if (kid instanceof PDMarkedContentReference reference) {
      PDPage on = reference.getPage() != null ? reference.getPage() : page;
      return on == null
          ? ""
          : texts.getOrDefault(on.getCOSObject(), Map.of()).getOrDefault(reference.getMCID(), "");
    }
    return "";
  }

  private static Optional<String> scope(PDStructureElement element) {
    COSBase attributes = element.getCOSObject().getDictionaryObject(COSName.A);
    List<COSDictionary> dictionaries = new ArrayList<>();
    if (attributes instanceof COSDictionary dictionary) {
      dictionaries.add(dictionary);
    } else if (attributes instanceof COSArray array) {
      for (COSBase item : array) {
        if (item.getCOSObject() instanceof COSDictionary dictionary) {
          dictionaries.add(dictionary);
        }
      }
    }
    return dictionaries.stream()
        .map(d -> d.getNameAsString(COSName.getPDFName("Scope")))
        .filter(s -> s != null)
        .findFirst();
  }
}
