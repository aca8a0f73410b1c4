package org.certbulletin.testing;

import java.io.ByteArrayInputStream;
import java.util.List;
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

  /** The rules {@code pdf} breaks for {@code flavour}; empty if it complies. */
  public static List<String> failures(byte[] pdf, PDFAFlavour flavour) {
    try (PDFAParser parser =
            Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), flavour);
        PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false)) {
      ValidationResult result = validator.validate(parser);
      if (result.isCompliant()) {
        return List.of();
      }
      return result.getTestAssertions().stream()
          .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
          .map(
              a ->
                  a.getRuleId().getClause()
                      + "-"
                      + a.getRuleId().getTestNumber()
                      + ": "
                      + a.getMessage())
          .distinct()
          .toList();
    } catch (ModelParsingException | EncryptedPdfException | ValidationException e) {
      throw new IllegalStateException("veraPDF could not check the PDF", e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
