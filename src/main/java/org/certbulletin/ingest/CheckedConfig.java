package org.certbulletin.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.certbulletin.model.Config;
import org.certbulletin.model.Issuer;
import org.certbulletin.pgp.Certificate;

/** The checked configuration and the certificate it signs with, mapped once per language. */
final class CheckedConfig {
  private final SourceDocument document;
  private final List<Locale> languages;
  private final Optional<Certificate> certificate;
  private final Map<Locale, Config> editions = new ConcurrentHashMap<>();

  CheckedConfig(SourceDocument document, Optional<Certificate> certificate) {
    this.document = document;
    this.languages = DataMapper.languages(document.root());
    this.certificate = certificate;
  }

  SourceDocument document() {
    return document;
  }

  Optional<Certificate> certificate() {
    return certificate;
  }

  /**
   * The configuration in {@code language}; {@code null} for the main language. The contact carries
   * the signing key's fingerprint, for every bulletin to print.
   */
  Config config(Locale language) {
    Locale key = language != null ? language : languages.get(0);
    return editions.computeIfAbsent(
        key, l -> withFingerprint(DataMapper.config(document.root(), l)));
  }

  private Config withFingerprint(Config config) {
    if (certificate.isEmpty()) {
      return config;
    }
    Issuer issuer = config.issuer();
    return config.withIssuer(
        issuer.withContact(
            issuer.contact().withOpenPgpFingerprint(certificate.get().spacedFingerprint())));
  }
}
