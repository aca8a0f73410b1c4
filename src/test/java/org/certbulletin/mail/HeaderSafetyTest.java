package org.certbulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Contact;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.Issuer;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.certbulletin.render.MailBodies;
import org.certbulletin.bench.SyntheticData;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing that reaches a mail header may carry a line break: header injection is refused at every step. */
class HeaderSafetyTest {

  @TempDir
  Path root;

  @Test
  void aHeaderValueWithALineBreakIsRefused() {
    assertThatThrownBy(() -> Headers.safe("Subject", "Bulletin\r\nBcc: everyone@example.org"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("Subject header").hasMessageContaining("refusing a value with a control character");
    assertThat(Headers.safe("Subject", "[TLP:CLEAR] Weekly\tBulletin")).isEqualTo("[TLP:CLEAR] Weekly\tBulletin");
  }

  @Test
  void aMessageIsNotBuiltFromAnIssuerNameThatInjectsHeaders() {
    Issuer issuer = new Issuer("Sample CERT\r\nBcc: everyone@example.org", "SN-CERT", "Weekly Security Bulletin",
        new Contact("a@cert.example", Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty(),
        ZoneId.of("UTC"), Locale.ENGLISH);
    DistributionList list = new DistributionList("public", "Public", List.of("a@example.org"), Optional.empty(),
        Tlp.CLEAR, Optional.empty(), DistributionList.Format.HTML, Optional.empty());
    ListEdition edition = new ListEdition(list, new SyntheticData(1).week(WeekId.parse("2024-W51"), 1, 0),
        new MailBodies("subject", "<p>x</p>", "x"), new byte[] {1}, "x.pdf");

    assertThatThrownBy(() -> new MessageFactory(edition, issuer, "bulletin@cert.example", Optional.empty(),
        jakarta.mail.Session.getInstance(new java.util.Properties()), Optional.empty()))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("From header");
  }

  @Test
  void theConfigurationRejectsLineBreaksInListDescriptions() throws Exception {
    SampleWorkspace sample = SampleWorkspace.copyTo(root);
    Path config = sample.data().resolve("config.json");
    Files.writeString(config, Files.readString(config)
        .replace("\"description\": \"Public subscribers\"", "\"description\": \"Public\\r\\nBcc: all@example.org\""));
    var run = org.certbulletin.cli.Main.run("validate", "--data", sample.data().toString(), "--templates",
        sample.templates().toString(), "--out", sample.out().toString());
    assertThat(run).isEqualTo(2);
  }
}
