package org.certbulletin.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
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
  private static final byte[] PAGINATION_ARTIFACT =
      "/Artifact <</Type /Pagination>> BDC".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MCID = "<</MCID ".getBytes(StandardCharsets.US_ASCII);

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
    byte[] content;
    try (InputStream in = page.getContents()) {
      content = in.readAllBytes();
    }
    PDStream rewritten = new PDStream(document);
    try (OutputStream out = rewritten.createOutputStream(COSName.FLATE_DECODE)) {
      out.write(asArtifacts(content, mcids));
    }
    page.setContents(rewritten);
  }

  /**
   * {@code content} with each {@code /Tag <</MCID n>> BDC} whose n is one of {@code mcids} made
   * {@code /Artifact <</Type /Pagination>> BDC}. It reads the content only as far as it must to
   * find them: strings are skipped (a glyph code may spell anything), and the rest is copied as it
   * is, which is much faster than parsing every operator of a page and writing them again.
   */
  static byte[] asArtifacts(byte[] content, Set<Integer> mcids) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 64);
    int copied = 0;
    int lastName = -1;
    int i = 0;
    while (i < content.length) {
      byte b = content[i];
      if (b == '(') {
        i = afterLiteralString(content, i);
      } else if (b == '<' && i + 1 < content.length && content[i + 1] != '<') {
        i = indexOf(content, (byte) '>', i) + 1;
      } else if (b == '/') {
        lastName = i;
        i++;
      } else if (b == '<') {
        int end = markedContentEnd(content, i, mcids);
        if (end > 0 && lastName >= copied && onlySpaceBetween(content, lastName, i)) {
          out.write(content, copied, lastName - copied);
          out.writeBytes(PAGINATION_ARTIFACT);
          copied = end;
        }
        i += 2;
      } else {
        i++;
      }
    }
    out.write(content, copied, content.length - copied);
    return out.toByteArray();
  }

  /** Where {@code <</MCID n>> BDC} at {@code start} ends, if n is one of {@code mcids}; else -1. */
  private static int markedContentEnd(byte[] content, int start, Set<Integer> mcids) {
    if (!Arrays.equals(content, start, start + MCID.length, MCID, 0, MCID.length)) {
      return -1;
    }
    int i = start + MCID.length;
    int mcid = 0;
    int digits = 0;
    while (i < content.length && content[i] >= '0' && content[i] <= '9' && digits < 9) {
      mcid = mcid * 10 + content[i] - '0';
      i++;
      digits++;
    }
    i = skipSpace(content, i);
    if (digits == 0 || !startsWith(content, i, ">>")) {
      return -1;
    }
    i = skipSpace(content, i + 2);
    if (!startsWith(content, i, "BDC") || !mcids.contains(mcid)) {
      return -1;
    }
    return i + 3;
  }

  private static int afterLiteralString(byte[] content, int start) {
    int depth = 0;
    for (int i = start; i < content.length; i++) {
      switch (content[i]) {
        case '\\' -> i++;
        case '(' -> depth++;
        case ')' -> {
          if (--depth == 0) {
            return i + 1;
          }
        }
        default -> {}
      }
    }
    return content.length;
  }

  private static boolean onlySpaceBetween(byte[] content, int name, int dictionary) {
    int i = name + 1;
    while (i < dictionary && !isSpace(content[i])) {
      i++;
    }
    return skipSpace(content, i) == dictionary;
  }

  private static int skipSpace(byte[] content, int i) {
    while (i < content.length && isSpace(content[i])) {
      i++;
    }
    return i;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0;
  }

  private static boolean startsWith(byte[] content, int at, String ascii) {
    return at + ascii.length() <= content.length
        && new String(content, at, ascii.length(), StandardCharsets.US_ASCII).equals(ascii);
  }

  private static int indexOf(byte[] content, byte wanted, int from) {
    for (int i = from; i < content.length; i++) {
      if (content[i] == wanted) {
        return i;
      }
    }
    return content.length - 1;
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
