package org.certbulletin.render;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;

/**
 * Takes out the structure elements that say nothing: openhtmltopdf makes a Div for every block box,
 * and most of them hold a single other element or nothing at all. A Div with no attributes of its
 * own that holds one element is replaced by that element, and an element that holds nothing is
 * dropped. Reading order, roles and the marked content are unchanged; the PDF has fewer objects to
 * write, which is most of what tagging costs.
 */
final class StructureTrim {

  private static final COSName DIV = COSName.getPDFName("Div");

  /** Entries that make a Div say something of its own; such a Div stays. */
  private static final COSName[] MEANINGFUL = {
    COSName.LANG,
    COSName.getPDFName("Alt"),
    COSName.getPDFName("ActualText"),
    COSName.getPDFName("E"),
    COSName.A,
    COSName.getPDFName("C"),
    COSName.ID,
    COSName.getPDFName("T")
  };

  private StructureTrim() {}

  static void trim(PDDocument document) {
    PDStructureTreeRoot root = document.getDocumentCatalog().getStructureTreeRoot();
    if (root == null) {
      return;
    }
    COSBase kids = root.getCOSObject().getDictionaryObject(COSName.K);
    if (kids instanceof COSDictionary element) {
      trimChildren(element);
    } else if (kids instanceof COSArray array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.getObject(i) instanceof COSDictionary element) {
          trimChildren(element);
        }
      }
    }
  }

  /** Trims the children of {@code parent}, depth first. */
  private static void trimChildren(COSDictionary parent) {
    COSBase kids = parent.getDictionaryObject(COSName.K);
    if (kids instanceof COSDictionary only && isElement(only)) {
      COSDictionary kept = trimmed(only, parent);
      if (kept == null) {
        parent.removeItem(COSName.K);
      } else if (kept != only) {
        parent.setItem(COSName.K, kept);
      }
      return;
    }
    if (!(kids instanceof COSArray array)) {
      return;
    }
    COSArray result = new COSArray();
    boolean changed = false;
    for (int i = 0; i < array.size(); i++) {
      COSBase kid = array.get(i);
      COSBase resolved = kid instanceof COSObject reference ? reference.getObject() : kid;
      if (resolved instanceof COSDictionary element && isElement(element)) {
        COSDictionary kept = trimmed(element, parent);
        if (kept == null) {
          changed = true;
          continue;
        }
        if (kept != element) {
          changed = true;
          result.add(kept);
          continue;
        }
      }
      result.add(kid);
    }
    if (changed) {
      parent.setItem(COSName.K, result);
    }
  }

  /**
   * {@code element} after trimming, to stand in its parent's kids: itself, the one element a bare
   * Div holds (now the parent's child), or null when it holds nothing.
   */
  private static COSDictionary trimmed(COSDictionary element, COSDictionary parent) {
    trimChildren(element);
    COSBase kids = element.getDictionaryObject(COSName.K);
    if (kids == null || (kids instanceof COSArray array && array.size() == 0)) {
      return null;
    }
    if (!DIV.equals(element.getCOSName(COSName.S)) || saysSomething(element)) {
      return element;
    }
    COSBase only = kids instanceof COSArray array && array.size() == 1 ? array.getObject(0) : kids;
    if (only instanceof COSDictionary child && isElement(child)) {
      child.setItem(COSName.P, parent);
      return child;
    }
    return element;
  }

  private static boolean isElement(COSDictionary dictionary) {
    return dictionary.containsKey(COSName.S);
  }

  private static boolean saysSomething(COSDictionary element) {
    for (COSName name : MEANINGFUL) {
      if (element.containsKey(name)) {
        return true;
      }
    }
    return false;
  }
}
