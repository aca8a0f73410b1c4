package org.certbulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressesTest {

  @Test
  void hidesEverySpellingOfTheAddressAndNothingElse() {
    assertThat(
            Addresses.hidden(
                "550 5.1.1 <Bob@Example.NET>: Recipient address rejected (bob@example.net)",
                "Bob@example.net"))
        .isEqualTo("550 5.1.1 <(the recipient)>: Recipient address rejected ((the recipient))");
    assertThat(Addresses.hidden("421 try again later", "bob@example.net"))
        .as("control: a reply without it is kept")
        .isEqualTo("421 try again later");
  }
}
