package org.certbulletin.render;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Map;
import java.util.TimeZone;
import javax.xml.transform.TransformerException;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAExtensionSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.schema.XMPSchema;
import org.apache.xmpbox.type.BadFieldValueException;
import org.apache.xmpbox.xml.XmpSerializer;
import org.certbulletin.model.Release;

/**
 * Completes a rendered PDF for archiving: document information and matching XMP metadata with the
 * PDF/A-3a and PDF/UA-1 identification (PDF/A-3b when untagged), the catalog entries PDF/UA asks
 * for, repeated table headers as artifacts, the source data as an associated file, and a document
 * id derived from the content, so the same input always gives the same bytes.
 */
final class PdfFinisher {

  /** The version only, not the commit: two builds of one version give the same bytes. */
  static final String PRODUCER =
      "cert-bulletin " + Release.current().version() + " (openhtmltopdf, Apache PDFBox)";

  private static final String PDFUA_NS = "http://www.aiim.org/pdfua/ns/id/";

  private PdfFinisher() {}

  /**
   * @param tagged whether the document was laid out with its structure tree
   * @param accessible whether it declares PDF/A-3a and PDF/UA-1 (else PDF/A-3b): tagged, and every
   *     glyph maps back to its text
   */
  static void finish(
      PDDocument document,
      PdfMetadata metadata,
      boolean tagged,
      boolean accessible,
      byte[] contentDigest)
      throws IOException {
    Calendar date = GregorianCalendar.from(metadata.date().toZonedDateTime());
    date.setTimeZone(TimeZone.getTimeZone(metadata.date().getOffset()));
    PDDocumentCatalog catalog = document.getDocumentCatalog();
    catalog.setLanguage(metadata.language());
    if (tagged) {
      PDMarkInfo markInfo = new PDMarkInfo();
      markInfo.setMarked(true);
      catalog.setMarkInfo(markInfo);
      PDViewerPreferences preferences = new PDViewerPreferences(new COSDictionary());
      preferences.setDisplayDocTitle(true);
      catalog.setViewerPreferences(preferences);
      RepeatedTableHeaders.markAsArtifacts(document);
      StructureTrim.trim(document);
      inlineArtifactProperties(document);
    } else {
      // openhtmltopdf marks every PDF/A document as tagged; an untagged one must not say so
      catalog.getCOSObject().removeItem(COSName.MARK_INFO);
    }

    PDDocumentInformation info = new PDDocumentInformation();
    info.setTitle(metadata.title());
    info.setAuthor(metadata.author());
    info.setSubject(metadata.subject());
    info.setKeywords(String.join(", ", metadata.keywords()));
    info.setCreator(PRODUCER);
    info.setProducer(PRODUCER);
    info.setCreationDate(date);
    info.setModificationDate(date);
    document.setDocumentInformation(info);

    PDMetadata xmp = new PDMetadata(document);
    xmp.importXMPMetadata(xmp(metadata, accessible, date));
    catalog.setMetadata(xmp);

    attach(document, metadata.attachment(), date);

    COSString id = new COSString(Arrays.copyOf(contentDigest, 16));
    COSArray ids = new COSArray();
    ids.add(id);
    ids.add(id);
    document.getDocument().getTrailer().setItem(COSName.ID, ids);
  }

  /**
   * Writes the property lists of the artifacts inside their page's resources. openhtmltopdf gives
   * every box with a border or a background one ({@code /Type /Background} and its box), a thousand
   * and more in a bulletin, and PDFBox would write each, and each box, as an object of its own:
   * most of the objects of the file, and of the time it takes to write it.
   */
  private static void inlineArtifactProperties(PDDocument document) {
    for (PDPage page : document.getPages()) {
      COSDictionary resources = page.getCOSObject().getCOSDictionary(COSName.RESOURCES);
      COSDictionary properties =
          resources == null ? null : resources.getCOSDictionary(COSName.PROPERTIES);
      if (properties == null) {
        continue;
      }
      for (COSBase value : properties.getValues()) {
        if (value instanceof COSDictionary list
            && COSName.BACKGROUND.equals(list.getCOSName(COSName.TYPE))) {
          list.setDirect(true);
          COSArray box = list.getCOSArray(COSName.BBOX);
          if (box != null) {
            box.setDirect(true);
          }
        }
      }
    }
  }

  private static byte[] xmp(PdfMetadata metadata, boolean accessible, Calendar date)
      throws IOException {
    XMPMetadata xmp = XMPMetadata.createXMPMetadata();
    DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
    dc.setTitle(metadata.title());
    dc.addCreator(metadata.author());
    dc.setDescription(metadata.subject());
    dc.addLanguage(metadata.language());
    dc.setFormat("application/pdf");
    metadata.keywords().forEach(dc::addSubject);
    AdobePDFSchema pdf = xmp.createAndAddAdobePDFSchema();
    pdf.setProducer(PRODUCER);
    pdf.setKeywords(String.join(", ", metadata.keywords()));
    XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
    basic.setCreatorTool(PRODUCER);
    basic.setCreateDate(date);
    basic.setModifyDate(date);
    basic.setMetadataDate(date);
    PDFAIdentificationSchema pdfa = xmp.createAndAddPDFAIdentificationSchema();
    try {
      pdfa.setPart(3);
      pdfa.setConformance(accessible ? "A" : "B");
    } catch (BadFieldValueException e) {
      throw new IllegalStateException(e);
    }
    if (accessible) {
      declarePdfUa(xmp);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new XmpSerializer().serialize(xmp, out, true);
    } catch (TransformerException e) {
      throw new IOException("cannot write XMP metadata", e);
    }
    return out.toByteArray();
  }

  /**
   * The PDF/UA identification ({@code pdfuaid:part = 1}) and, since PDF/A knows only its own
   * schemas, the extension schema that describes it.
   */
  private static void declarePdfUa(XMPMetadata xmp) {
    XMPSchema pdfua = new XMPSchema(xmp, PDFUA_NS, "pdfuaid");
    pdfua.setIntegerPropertyValueAsSimple("part", 1);
    xmp.addSchema(pdfua);
    PDFAExtensionSchema extension = xmp.createAndAddPDFAExtensionSchemaWithDefaultNS();
    extension.addNamespace("http://www.aiim.org/pdfa/ns/schema#", "pdfaSchema");
    extension.addNamespace("http://www.aiim.org/pdfa/ns/property#", "pdfaProperty");
    XMPSchema property = new XMPSchema(xmp, "pdfaProperty", "pdfaProperty", "pdfaProperty");
    property.setTextPropertyValue("name", "part");
    property.setTextPropertyValue("valueType", "Integer");
    property.setTextPropertyValue("category", "internal");
    property.setTextPropertyValue("description", "Part of ISO 14289 the document conforms to");
    XMPSchema schema = new XMPSchema(xmp, "pdfaSchema", "pdfaSchema", "pdfaSchema");
    schema.setTextPropertyValue("schema", "PDF/UA Universal Accessibility Schema");
    schema.setTextPropertyValue("namespaceURI", PDFUA_NS);
    schema.setTextPropertyValue("prefix", "pdfuaid");
    schema.addUnqualifiedSequenceValue("property", property);
    extension.addBagValue("schemas", schema);
  }

  private static void attach(PDDocument document, PdfMetadata.Attachment attachment, Calendar date)
      throws IOException {
    PDEmbeddedFile file = new PDEmbeddedFile(document, new ByteArrayInputStream(attachment.data()));
    file.setSubtype(attachment.mimeType());
    file.setSize(attachment.data().length);
    file.setCreationDate(date);
    file.setModDate(date);
    PDComplexFileSpecification spec = new PDComplexFileSpecification();
    spec.setFile(attachment.name());
    spec.setFileUnicode(attachment.name());
    spec.setFileDescription(attachment.description());
    spec.setEmbeddedFile(file);
    spec.setEmbeddedFileUnicode(file);
    spec.getCOSObject().setName(COSName.getPDFName("AFRelationship"), attachment.relationship());
    PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
    tree.setNames(Map.of(attachment.name(), spec));
    PDDocumentCatalog catalog = document.getDocumentCatalog();
    PDDocumentNameDictionary names = catalog.getNames();
    if (names == null) {
      names = new PDDocumentNameDictionary(catalog);
    }
    names.setEmbeddedFiles(tree);
    catalog.setNames(names);
    COSArray associated = new COSArray();
    associated.add(spec);
    catalog.getCOSObject().setItem(COSName.getPDFName("AF"), associated);
  }
}
