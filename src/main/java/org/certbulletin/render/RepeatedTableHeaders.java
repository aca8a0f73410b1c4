package org.certbulletin.render;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdfwriter.ContentStreamWriter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;

/**
 * Turns the copies of a table's header that openhtmltopdf draws at the top of each later page into
 * pagination artifacts. It tags each copy as more content of the header cells, so a screen reader
 * would read the column names again on every page of a long table; the structure keeps only the
 * first, real header.
 */
final class RepeatedTableHeaders {

  private static final COSName MCR = COSName.getPDFName("MCR");
  private static final COSName THEAD = COSName.getPDFName("THead");
  private static final COSName PAGINATION = COSName.getPDFName("Pagination");

  private RepeatedTableHeaders() {}

  static void markAsArtifacts(PDDocument document) throws IOException {
    PDStructureTreeRoot root = document.getDocumentCatalog().getStructureTreeRoot();
    if (root == null) {
      return;
    }
    Map<COSDictionary, Set<Integer>> copies = new HashMap<>();
    collect(root.getCOSObject().getDictionaryObject(COSName.K), null, false, copies);
    if (copies.isEmpty()) {
      return;
    }
    COSArray parentTree = parentTree(root);
    for (PDPage page : document.getPages()) {
      Set<Integer> mcids = copies.get(page.getCOSObject());
      if (mcids != null) {
        rewrite(document, page, mcids);
        forget(parentTree, page.getStructParents(), mcids);
      }
    }
  }

  /**
   * Removes the marked-content references to other pages than their element's own from the elements
   * under each THead (the header's copies), noting them by page.
   */
  private static void collect(
      COSBase kids, COSBase page, boolean inHeader, Map<COSDictionary, Set<Integer>> copies) {
    if (kids instanceof COSArray array) {
      List<COSBase> references = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        COSBase kid = array.getObject(i);
        if (inHeader
            && isReference(kid)
            && ((COSDictionary) kid).getDictionaryObject(COSName.PG) != page) {
          references.add(array.get(i));
          note((COSDictionary) kid, copies);
        } else {
          collect(kid, page, inHeader, copies);
        }
      }
      references.forEach(array::remove);
    } else if (kids instanceof COSDictionary element && element.containsKey(COSName.S)) {
      boolean header = inHeader || THEAD.equals(element.getCOSName(COSName.S));
      COSBase own = element.getDictionaryObject(COSName.PG);
      collect(element.getDictionaryObject(COSName.K), own != null ? own : page, header, copies);
    }
  }

  private static boolean isReference(COSBase kid) {
    return kid instanceof COSDictionary dictionary
        && MCR.equals(dictionary.getCOSName(COSName.TYPE));
  }

  private static void note(COSDictionary reference, Map<COSDictionary, Set<Integer>> copies) {
    if (reference.getDictionaryObject(COSName.PG) instanceof COSDictionary page) {
      copies.computeIfAbsent(page, p -> new HashSet<>()).add(reference.getInt(COSName.MCID));
    }
  }

  /** The page's content with each marked sequence of {@code mcids} made a pagination artifact. */
  private static void rewrite(PDDocument document, PDPage page, Set<Integer> mcids)
      throws IOException {
    List<Object> tokens = new PDFStreamParser(page).parse();
    for (int i = 2; i < tokens.size(); i++) {
      if (tokens.get(i) instanceof Operator op
          && op.getName().equals("BDC")
          && tokens.get(i - 1) instanceof COSDictionary properties
          && mcids.contains(properties.getInt(COSName.MCID))) {
        COSDictionary artifact = new COSDictionary();
        artifact.setItem(COSName.TYPE, PAGINATION);
        tokens.set(i - 2, COSName.ARTIFACT);
        tokens.set(i - 1, artifact);
      }
    }
    PDStream content = new PDStream(document);
    try (OutputStream out = content.createOutputStream(COSName.FLATE_DECODE)) {
      new ContentStreamWriter(out).writeTokens(tokens);
    }
    page.setContents(content);
  }

  private static COSArray parentTree(PDStructureTreeRoot root) {
    return root.getParentTree() == null
        ? null
        : root.getParentTree().getCOSObject().getCOSArray(COSName.NUMS);
  }

  /** Drops the artifacts from the page's entry in the parent tree, which maps MCIDs to elements. */
  private static void forget(COSArray nums, int structParents, Set<Integer> mcids) {
    if (nums == null || structParents < 0) {
      return;
    }
    for (int i = 0; i + 1 < nums.size(); i += 2) {
      if (nums.getInt(i) == structParents && nums.getObject(i + 1) instanceof COSArray parents) {
        mcids.stream()
            .filter(mcid -> mcid < parents.size())
            .forEach(mcid -> parents.set(mcid, COSNull.NULL));
      }
    }
  }
}
