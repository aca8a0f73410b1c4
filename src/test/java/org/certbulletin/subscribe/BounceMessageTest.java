package org.certbulletin.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.model.BounceSettings;
import org.certbulletin.testing.BounceFixtures;
import org.junit.jupiter.api.Test;

/** Reading the bounce mailbox's messages in the shapes real servers send them. */
class BounceMessageTest {

  private static final String RECIPIENT = "alice@example.org";
  private static final String MESSAGE_ID = "2024-W51.public.17@cert.example";
  private static final long DELIVERY = 17;

  private final BounceSettings settings =
      new BounceSettings("bounces@cert.example", 0, Optional.empty());
  private final ReturnPath returnPath =
      new ReturnPath(
          settings,
          SubscriberKey.from(Map.of(SubscriberKey.VARIABLE, "k".repeat(SubscriberKey.MIN_LENGTH))));

  @Test
  void readsPostfixsHardBounce() throws Exception {
    BounceMessage message = read("postfix-hard.eml");

    assertThat(message.deliveryReport()).isTrue();
    assertThat(message.reportId()).isEqualTo("20241218020241.4XyZ1q2mPlz9sVB@mx1.cert.example");
    assertThat(message.statuses())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.action()).isEqualTo(DeliveryStatus.Action.FAILED);
              assertThat(s.status()).hasValue("5.1.1");
              assertThat(s.severity()).isEqualTo(DeliveryStatus.Severity.HARD);
              assertThat(s.finalRecipient()).hasValue(RECIPIENT);
              assertThat(s.originalRecipient()).hasValue(RECIPIENT);
              assertThat(s.diagnostic().orElseThrow())
                  .startsWith("smtp; 550 5.1.1")
                  .contains("User unknown in virtual mailbox table")
                  .doesNotContain("\n");
            });
    assertThat(message.originalMessageId()).hasValue(MESSAGE_ID);
    assertThat(message.addressedTo())
        .contains(returnPath.address(ReturnPath.Kind.BOUNCE, DELIVERY));
    assertThat(Incoming.of(message, returnPath, settings))
        .isEqualTo(new Incoming.Bounce(DELIVERY, message.statuses(), Optional.of(MESSAGE_ID)));
  }

  @Test
  void readsPostfixsSoftBounceOfAFullMailboxFromTheWholeReturnedMessage() throws Exception {
    BounceMessage message = read("postfix-soft.eml");

    assertThat(message.statuses())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.status()).hasValue("4.2.2");
              assertThat(s.severity()).isEqualTo(DeliveryStatus.Severity.SOFT);
            });
    assertThat(message.originalMessageId()).as("from the message/rfc822 part").hasValue(MESSAGE_ID);
    assertThat(Incoming.of(message, returnPath, settings)).isInstanceOf(Incoming.Bounce.class);
  }

  @Test
  void readsExchangeOnlinesNonDeliveryReport() throws Exception {
    BounceMessage message = read("exchange-ndr.eml");

    assertThat(message.deliveryReport()).isTrue();
    assertThat(message.statuses())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.status()).hasValue("5.1.10");
              assertThat(s.severity()).isEqualTo(DeliveryStatus.Severity.HARD);
              assertThat(s.recipient()).hasValue(RECIPIENT);
              assertThat(s.diagnostic().orElseThrow()).contains("RESOLVER.ADR.RecipientNotFound");
            });
    assertThat(message.originalMessageId()).hasValue(MESSAGE_ID);
    assertThat(Incoming.of(message, returnPath, settings)).isInstanceOf(Incoming.Bounce.class);
  }

  @Test
  void aDelayWarningIsNotABounce() throws Exception {
    BounceMessage message = read("postfix-delayed.eml");

    assertThat(message.statuses())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.action()).isEqualTo(DeliveryStatus.Action.DELAYED);
              assertThat(s.severity()).isEqualTo(DeliveryStatus.Severity.NONE);
            });
    assertThat(Incoming.of(message, returnPath, settings))
        .isInstanceOfSatisfying(
            Incoming.Ignored.class,
            i -> assertThat(i.reason()).contains("delayed", "not a bounce"));
  }

  @Test
  void anOutOfOfficeReplyIsIgnored() throws Exception {
    BounceMessage message = read("auto-reply.eml");

    assertThat(message.deliveryReport()).isFalse();
    assertThat(message.automatic()).isPresent();
    assertThat(Incoming.of(message, returnPath, settings))
        .isInstanceOfSatisfying(
            Incoming.Ignored.class, i -> assertThat(i.reason()).contains("automatic"));
  }

  @Test
  void aMessageToTheUnsubscribeAddressIsARequestToLeaveWhateverItSays() throws Exception {
    assertThat(Incoming.of(read("unsubscribe.eml"), returnPath, settings))
        .isEqualTo(new Incoming.Unsubscribe(DELIVERY));
  }

  @Test
  void aReportToAReturnPathWithAWrongTagIsForgedAndTheGenuineOneIsNot() throws Exception {
    Map<String, String> values = values();
    String genuine = returnPath.address(ReturnPath.Kind.BOUNCE, DELIVERY);
    values.put("FORGED_RETURN_PATH", genuine.replaceFirst("\\.[0-9a-f]+@", ".0123456789abcdef@"));

    BounceMessage forged = BounceMessage.parse(BounceFixtures.fill("forged-tag.eml", values));

    assertThat(Incoming.of(forged, returnPath, settings))
        .isInstanceOfSatisfying(
            Incoming.Forged.class, f -> assertThat(f.reason()).contains("tag does not match"));
    values.put("FORGED_RETURN_PATH", genuine);
    assertThat(
            Incoming.of(
                BounceMessage.parse(BounceFixtures.fill("forged-tag.eml", values)),
                returnPath,
                settings))
        .as("control: the same report to the genuine return path")
        .isInstanceOf(Incoming.Bounce.class);
  }

  @Test
  void aReportToTheUnsubscribeAddressIsNotABounce() throws Exception {
    Map<String, String> values = values();
    values.put("RETURN_PATH", returnPath.address(ReturnPath.Kind.UNSUBSCRIBE, DELIVERY));

    BounceMessage message = BounceMessage.parse(BounceFixtures.fill("postfix-hard.eml", values));

    assertThat(Incoming.of(message, returnPath, settings)).isInstanceOf(Incoming.Forged.class);
  }

  @Test
  void aReportWithoutAMessageIdIsKnownByTheDigestOfItsBytes() throws Exception {
    byte[] bytes = BounceFixtures.fill("postfix-hard.eml", values());
    String text =
        new String(bytes, StandardCharsets.UTF_8).replaceFirst("Message-Id: [^\r]*\r\n", "");

    BounceMessage message = BounceMessage.parse(text.getBytes(StandardCharsets.UTF_8));

    assertThat(message.reportId()).matches("sha256:[0-9a-f]{64}");
    assertThat(BounceMessage.parse(text.getBytes(StandardCharsets.UTF_8)).reportId())
        .isEqualTo(message.reportId());
  }

  @Test
  void boundsWhatItKeepsOfHostileHeaders() throws Exception {
    String hostile =
        new String(BounceFixtures.fill("postfix-hard.eml", values()), StandardCharsets.UTF_8)
            .replace(
                "Diagnostic-Code: smtp; 550 5.1.1",
                "Diagnostic-Code: smtp; 550 5.1.1 \u001b[31m\u202e" + "x".repeat(50_000))
            .replace("Action: failed", "Action: failed (\u0007bell)");

    BounceMessage message = BounceMessage.parse(hostile.getBytes(StandardCharsets.UTF_8));

    DeliveryStatus status = message.statuses().get(0);
    assertThat(status.action()).isEqualTo(DeliveryStatus.Action.FAILED);
    assertThat(status.diagnostic().orElseThrow())
        .hasSizeLessThanOrEqualTo(DeliveryStatus.MAX_DIAGNOSTIC)
        .doesNotContain("\u001b", "\u202e");
    assertThat(status.toString()).doesNotContain(RECIPIENT);
  }

  @Test
  void refusesAMessageLargerThanTheLimitAndSaysSo() {
    byte[] large = new byte[BounceMessage.MAX_BYTES + 1];
    Arrays.fill(large, (byte) 'a');

    assertThatThrownBy(() -> BounceMessage.read(new ByteArrayInputStream(large)))
        .isInstanceOf(UnreadableMessageException.class)
        .hasMessageContaining("larger than 10 MiB");
  }

  @Test
  void refusesWhatIsNoMessage() {
    assertThatThrownBy(() -> BounceMessage.parse(new byte[0]))
        .isInstanceOf(UnreadableMessageException.class)
        .hasMessageContaining("no message");
    assertThatThrownBy(
            () ->
                BounceMessage.parse("just some text\nand more\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UnreadableMessageException.class)
        .hasMessageContaining("not an RFC 822 message");
  }

  private BounceMessage read(String fixture) throws Exception {
    return BounceMessage.read(new ByteArrayInputStream(BounceFixtures.fill(fixture, values())));
  }

  private Map<String, String> values() {
    Map<String, String> values = new HashMap<>();
    values.put("RETURN_PATH", returnPath.address(ReturnPath.Kind.BOUNCE, DELIVERY));
    values.put("UNSUBSCRIBE", returnPath.address(ReturnPath.Kind.UNSUBSCRIBE, DELIVERY));
    values.put("RECIPIENT", RECIPIENT);
    values.put("MESSAGE_ID", MESSAGE_ID);
    values.put("DELIVERY", Long.toString(DELIVERY));
    values.put("OTHER_RECIPIENT", "bob@example.net");
    return values;
  }
}
