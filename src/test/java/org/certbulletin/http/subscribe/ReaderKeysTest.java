package org.certbulletin.http.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The keys the readers' pages count requests under. */
class ReaderKeysTest {

  @Test
  void anAddressIsCountedByTheMailboxItReaches() {
    assertThat(ReaderDoor.mailbox("Victim+1@Example.org")).isEqualTo("victim@example.org");
    assertThat(ReaderDoor.mailbox("victim+zz@example.org"))
        .isEqualTo(ReaderDoor.mailbox("VICTIM@example.org"));
    assertThat(ReaderDoor.mailbox("other@example.org"))
        .as("control: another mailbox is another key")
        .isNotEqualTo(ReaderDoor.mailbox("victim@example.org"));
  }

  @Test
  void anIpv6ClientIsCountedByItsSlash64() {
    assertThat(ReaderDoor.client("2001:db8:1:2::1"))
        .isEqualTo(ReaderDoor.client("2001:db8:1:2:ffff::9"));
    assertThat(ReaderDoor.client("2001:db8:1:3::1"))
        .as("control: the next /64 is another client")
        .isNotEqualTo(ReaderDoor.client("2001:db8:1:2::1"));
    assertThat(ReaderDoor.client("192.0.2.7")).isEqualTo("192.0.2.7");
  }
}
