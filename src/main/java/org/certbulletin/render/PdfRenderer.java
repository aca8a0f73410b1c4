package org.certbulletin.render;

import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.TextDirection;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.certbulletin.files.Digests;
import org.certbulletin.model.Printable;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Lays out the print version of a bulletin (well-formed XHTML) as a tagged PDF/A-3a and PDF/UA-1
 * document with embedded fonts, loading resources only from the templates directory.
 */
final class PdfRenderer {

  private final ResourceGuard guard;
  private final FontSet fonts;
  private final byte[] colourProfile;
  private final DocumentBuilderFactory xml;
  private final MetricsCache metrics = new MetricsCache();
  private final boolean tagged;
  private final boolean checked;

  /**
   * @param tagged whether the PDF is tagged (PDF/UA-1, PDF/A-3a); only the benchmark turns it off,
   *     to measure what tagging costs
   * @param checked whether a character no font of its stack has fails the render; only the
   *     benchmark turns it off, to measure what the check costs
   */
  PdfRenderer(ResourceGuard guard, FontSet fonts, boolean tagged, boolean checked) {
    this.guard = guard;
    this.fonts = fonts;
    this.tagged = tagged;
    this.checked = checked;
    this.colourProfile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    this.xml = secureFactory();
  }

  byte[] render(String xhtml, PdfMetadata metadata) {
    Document dom = parse(xhtml);
    String text = drawnText(dom);
    boolean accessible = tagged && PrintableText.extractsExactly(text);
    PDDocument document = new PDDocument();
    PdfRendererBuilder builder =
        new PdfRendererBuilder()
            .usePDDocument(document)
            .withW3cDocument(dom, guard.root().toUri().toString())
            .usePdfAConformance(accessible ? PdfAConformance.PDFA_3_A : PdfAConformance.PDFA_3_B)
            .usePdfUaAccessibility(tagged)
            .useColorProfile(colourProfile)
            .withProducer(PdfFinisher.PRODUCER)
            .useExternalResourceAccessControl(
                guard, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
            .useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, metrics)
            .useUnicodeLineBreaker(
                new TokenLineBreaker(Locale.forLanguageTag(metadata.language())));
    fonts.registerWith(builder, document, text);
    if (hasRightToLeft(text)) {
      builder
          .useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory())
          .useUnicodeBidiReorderer(new ICUBidiReorderer())
          .defaultTextDirection(TextDirection.LTR);
    }
    MissingGlyphs missing = new MissingGlyphs();
    try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
      if (checked) {
        missing.watch(renderer.getFontResolver());
      }
      renderer.createPDFWithoutClosing();
      refuseMissing(missing.found(), text, metadata.language());
      if (checked) {
        refuseUnprintableInCharts(dom, metadata.language());
      }
      PdfFinisher.finish(
          document,
          metadata,
          tagged,
          accessible,
          Digests.newSha256().digest(xhtml.getBytes(StandardCharsets.UTF_8)));
      ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
      document.save(out);
      document.close();
      return out.toByteArray();
    } catch (IOException e) {
      throw new RenderException("PDF rendering failed: " + e.getMessage(), e);
    }
  }

  /**
   * The text the renderer lays out: every text node outside the head (charts included), which
   * decides the fonts a document needs.
   */
  private static String drawnText(Document dom) {
    StringBuilder text = new StringBuilder(32 * 1024);
    collectText(dom.getDocumentElement(), text);
    return text.toString();
  }

  private static void collectText(Node node, StringBuilder text) {
    for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
      switch (child.getNodeType()) {
        case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> text.append(child.getNodeValue());
        case Node.ELEMENT_NODE -> {
          String name = child.getLocalName() == null ? child.getNodeName() : child.getLocalName();
          if (!name.equals("head")) {
            collectText(child, text);
          }
        }
        default -> {}
      }
    }
  }

  /**
   * Fails the render if the renderer met a character no font of its font stack has, which it would
   * draw as '#': data is checked for such characters when it is read, but only the renderer knows
   * for sure (a style sheet may name other fonts; text comes from templates and messages too).
   */
  private static void refuseMissing(List<Integer> missing, String text, String edition) {
    if (missing.isEmpty()) {
      return;
    }
    List<UnprintedTextException.Unprinted> found = new ArrayList<>();
    for (int c : missing) {
      int at = text.indexOf(Character.toString(c));
      if (at >= 0) {
        found.add(new UnprintedTextException.Unprinted(c, around(text, at)));
      }
    }
    if (found.isEmpty()) {
      // a form the layout made of the text (upper case, say) rather than one of its characters
      missing.forEach(c -> found.add(new UnprintedTextException.Unprinted(c, "")));
    }
    throw new UnprintedTextException(edition, found);
  }

  /**
   * The charts' text is drawn by the SVG renderer, which has a font lookup of its own that the
   * check above does not see: it is checked against the edition's font stacks instead (the charts
   * name the edition's text stack).
   */
  private static void refuseUnprintableInCharts(Document dom, String edition) {
    NodeList charts = dom.getElementsByTagNameNS("*", "svg");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < charts.getLength(); i++) {
      collectText(charts.item(i), text);
    }
    List<Integer> missing =
        PrintableText.unprintable(text.toString(), Locale.forLanguageTag(edition));
    if (!missing.isEmpty()) {
      refuseMissing(missing, text.toString(), edition);
    }
  }

  /** The text around {@code at}, on one line and quotable. */
  private static String around(String text, int at) {
    int start = Math.max(0, at - 30);
    int end = Math.min(text.length(), at + 32);
    if (start > 0 && Character.isLowSurrogate(text.charAt(start))) {
      start++;
    }
    if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
      end++;
    }
    String around = text.substring(start, end);
    return Printable.of(around.strip().replaceAll("\\s+", " "), 64);
  }

  /**
   * Whether {@code text} has right-to-left letters (Arabic, Hebrew...): only then is ICU's bidi
   * used.
   */
  private static boolean hasRightToLeft(String text) {
    return text.codePoints()
        .anyMatch(
            c -> {
              byte d = Character.getDirectionality(c);
              return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                  || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
            });
  }

  private Document parse(String xhtml) {
    try {
      DocumentBuilder parser;
      synchronized (xml) {
        parser = xml.newDocumentBuilder();
      }
      parser.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
      return parser.parse(new InputSource(new StringReader(xhtml)));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new RenderException(
          "the print template did not produce well-formed XHTML: " + e.getMessage(), e);
    }
  }

  private static DocumentBuilderFactory secureFactory() {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("XML parser cannot be secured", e);
    }
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setNamespaceAware(true);
    return factory;
  }
}
