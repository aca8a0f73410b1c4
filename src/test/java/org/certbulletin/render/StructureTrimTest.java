package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.junit.jupiter.api.Test;

/** The structure elements that say nothing go; everything a reader hears stays, in order. */
class StructureTrimTest {

  @Test
  void bareDivsAroundOneElementAndEmptyElementsGoAndTheRestStays() throws Exception {
    try (PDDocument document = new PDDocument()) {
      COSDictionary paragraph = element("P", COSInteger.get(0));
      COSDictionary heading = element("H2", COSInteger.get(1));
      COSDictionary french = element("Div", element("Span", COSInteger.get(2)));
      french.setString(COSName.LANG, "fr");
      COSDictionary section =
          element(
              "Sect",
              heading,
              element("Div", element("Div", paragraph)), // a bare Div in a bare Div: goes
              element("Span"), // holds nothing: goes
              french, // says something of its own: stays
              element("Div", element("P", COSInteger.get(3)), element("P", COSInteger.get(4))));
      PDStructureTreeRoot root = new PDStructureTreeRoot();
      root.getCOSObject().setItem(COSName.K, element("Document", section));
      document.getDocumentCatalog().setStructureTreeRoot(root);

      StructureTrim.trim(document);

      assertThat(roles(section)).containsExactly("H2", "P", "Div", "Div");
      assertThat(((COSArray) section.getDictionaryObject(COSName.K)).getObject(1))
          .isSameAs(paragraph);
      assertThat(paragraph.getDictionaryObject(COSName.P)).isSameAs(section);
      assertThat(french.getString(COSName.LANG)).isEqualTo("fr");
      assertThat(roles(french)).containsExactly("Span");
    }
  }

  private static COSDictionary element(String role, COSBase... kids) {
    COSDictionary element = new COSDictionary();
    element.setName(COSName.TYPE, "StructElem");
    element.setName(COSName.S, role);
    if (kids.length > 0) {
      COSArray array = new COSArray();
      for (COSBase kid : kids) {
        array.add(kid);
        if (kid instanceof COSDictionary child) {
          child.setItem(COSName.P, element);
        }
      }
      element.setItem(COSName.K, array);
    }
    return element;
  }

  private static List<String> roles(COSDictionary parent) {
    List<String> roles = new ArrayList<>();
    COSBase kids = parent.getDictionaryObject(COSName.K);
    if (kids instanceof COSDictionary only) {
      roles.add(only.getNameAsString(COSName.S));
    } else {
      for (COSBase kid : (COSArray) kids) {
        roles.add(
            ((COSDictionary)
                    (kid instanceof org.apache.pdfbox.cos.COSObject o ? o.getObject() : kid))
                .getNameAsString(COSName.S));
      }
    }
    return roles;
  }
}
