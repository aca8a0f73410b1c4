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
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.type.BadFieldValueException;
import org.apache.xmpbox.xml.XmpSerializer;
import org.certbulletin.model.Release;

/**
 * Completes a rendered PDF for archiving: document information and matching XMP metadata with the
 * PDF/A-3b identification, the source data as an associated file, and a document id derived from
 * the content, so the same input always gives the same bytes.
 */
final class PdfFinisher {

  /** The version only, not the commit: two builds of one version give the same bytes. */
  static final String PRODUCER =
      "cert-bulletin " + Release.current().version() + " (openhtmltopdf, Apache PDFBox)";

  private PdfFinisher() {}

  static void finish(PDDocument document, PdfMetadata metadata, byte[] contentDigest)
      throws IOException {
    Calendar date = GregorianCalendar.from(metadata.date().toZonedDateTime());
    date.setTimeZone(TimeZone.getTimeZone(metadata.date().getOffset()));
    PDDocumentCatalog catalog = document.getDocumentCatalog();
    catalog.setLanguage(metadata.language());

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
    xmp.importXMPMetadata(xmp(metadata, date));
    catalog.setMetadata(xmp);

    attach(document, metadata.attachment(), date);

    COSString id = new COSString(Arrays.copyOf(contentDigest, 16));
    COSArray ids = new COSArray();
    ids.add(id);
    ids.add(id);
    document.getDocument().getTrailer().setItem(COSName.ID, ids);
  }

  private static byte[] xmp(PdfMetadata metadata, Calendar date) throws IOException {
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
      pdfa.setConformance("B");
    } catch (BadFieldValueException e) {
      throw new IllegalStateException(e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new XmpSerializer().serialize(xmp, out, true);
    } catch (TransformerException e) {
      throw new IOException("cannot write XMP metadata", e);
    }
    return out.toByteArray();
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
