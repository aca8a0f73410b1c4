package org.certbulletin.testing;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.verapdf.core.EncryptedPdfException;
import org.verapdf.core.ModelParsingException;
import org.verapdf.core.ValidationException;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** Checks a PDF with veraPDF, the PDF Association's reference validator. */
public final class PdfAValidation {

  static {
    VeraGreenfieldFoundryProvider.initialise();
  }

  private PdfAValidation() {}

  /**
   * The rules {@code pdf} breaks for {@code flavour} (PDF/A or PDF/UA), each with how often and
   * where first; empty if it complies.
   */
  public static List<String> failures(byte[] pdf, PDFAFlavour flavour) {
    return failures(pdf, List.of(flavour));
  }

  /**
   * The rules {@code pdf} breaks for any of {@code flavours} (say PDF/UA-1 and PDF/A-3a), found in
   * one pass over the document, each prefixed with its flavour; empty if it complies with all.
   */
  public static List<String> failures(byte[] pdf, List<PDFAFlavour> flavours) {
    try (PDFAParser parser =
            Foundries.defaultInstance()
                .createParser(new ByteArrayInputStream(pdf), flavours.get(0));
        PDFAValidator validator = Foundries.defaultInstance().createValidator(flavours)) {
      List<String> failures = new ArrayList<>();
      for (ValidationResult result : validator.validateAll(parser)) {
        if (!result.isCompliant()) {
          failures.addAll(failures(result));
        }
      }
      return failures;
    } catch (ModelParsingException | EncryptedPdfException | ValidationException e) {
      throw new IllegalStateException("veraPDF could not check the PDF", e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> failures(ValidationResult result) {
    Map<String, List<TestAssertion>> byRule = new LinkedHashMap<>();
    result.getTestAssertions().stream()
        .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
        .forEach(
            a ->
                byRule
                    .computeIfAbsent(
                        result.getPDFAFlavour().getId()
                            + " "
                            + a.getRuleId().getClause()
                            + "-"
                            + a.getRuleId().getTestNumber()
                            + ": "
                            + a.getMessage(),
                        rule -> new ArrayList<>())
                    .add(a));
    return byRule.entrySet().stream()
        .map(
            e ->
                e.getKey()
                    + " ("
                    + e.getValue().size()
                    + "x, first at "
                    + e.getValue().get(0).getLocation().getContext()
                    + ")")
        .toList();
  }
}
