package org.certbulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text parts that survive the way to the reader, so a signature over them holds. */
class TextPartTest {

  @Test
  void aLineThatBeginsWithFromIsNotLeftForAServerToRewrite() throws Exception {
    assertThat(
            MessageFactory.textPart("Weekly bulletin\nFrom the duty officer: patch now\n", "plain")
                .getEncoding())
        .isEqualTo("base64");
    assertThat(MessageFactory.textPart("From the duty officer\n", "plain").getEncoding())
        .isEqualTo("base64");
    // control: the same words inside a line are quoted-printable as usual
    assertThat(
            MessageFactory.textPart("Weekly bulletin\nA note from the duty officer\n", "plain")
                .getEncoding())
        .isEqualTo("quoted-printable");
  }
}
