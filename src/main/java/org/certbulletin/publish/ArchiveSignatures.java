package org.certbulletin.publish;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.pgp.SigningKey;

/**
 * The detached OpenPGP signatures a published edition carries: {@code bulletin.pdf.asc} beside
 * every PDF, in every language, which {@code gpg --verify bulletin.pdf.asc bulletin.pdf} checks
 * against the CERT's published key. They are made when the edition is rendered, so an edition a
 * publish keeps keeps its signatures too.
 */
final class ArchiveSignatures {

  private ArchiveSignatures() {}

  /** {@code edition} with a signature beside each PDF; unchanged without a signer. */
  static EditionFiles sign(EditionFiles edition, Optional<SigningKey> signer) {
    if (signer.isEmpty()) {
      return edition;
    }
    Map<String, byte[]> files = new LinkedHashMap<>(edition.files());
    edition
        .files()
        .forEach(
            (name, bytes) -> {
              if (name.endsWith(".pdf")) {
                files.put(
                    name + OutputLayout.SIGNATURE_SUFFIX, signer.get().detachedSignature(bytes));
              }
            });
    return new EditionFiles(edition.edition(), files);
  }
}
