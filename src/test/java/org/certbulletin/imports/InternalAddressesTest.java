package org.certbulletin.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses are the CERT's own network or this machine, in every form they are written. */
class InternalAddressesTest {

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, loopback",
    "127.255.0.9, loopback",
    "::1, loopback",
    "10.1.2.3, private (RFC 1918)",
    "172.16.0.1, private (RFC 1918)",
    "172.31.255.254, private (RFC 1918)",
    "192.168.1.1, private (RFC 1918)",
    "100.64.0.1, 'shared address space (CGNAT, 100.64.0.0/10)'",
    "100.127.255.254, 'shared address space (CGNAT, 100.64.0.0/10)'",
    "169.254.169.254, link-local",
    "fe80::1, link-local",
    "fc00::1, unique-local (fc00::/7)",
    "fd12:3456:789a::1, unique-local (fc00::/7)",
    "0.0.0.0, unspecified",
    "::, unspecified",
    "0.1.2.3, this network (0.0.0.0/8)",
    "224.0.0.1, multicast",
    "ff02::1, multicast",
    "255.255.255.255, broadcast",
    "240.0.0.1, reserved (240.0.0.0/4)",
    "::7f00:1, 'loopback, as an IPv4-compatible IPv6 address (deprecated)'",
    "64:ff9b::a00:1, 'private (RFC 1918), through NAT64 (64:ff9b::/96)'",
    "fec0::1, 'site-local (fec0::/10, deprecated)'",
  })
  void internalAddressesAreNamed(String address, String kind) throws Exception {
    assertThat(InternalAddresses.kind(InetAddress.getByName(address))).contains(kind);
  }

  @ParameterizedTest
  @ValueSource(strings = {"::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254"})
  void anIpv4MappedAddressIsJudgedByTheAddressItCarries(String address) throws Exception {
    assertThat(InternalAddresses.kind(InetAddress.getByName(address))).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "8.8.8.8",
        "1.1.1.1",
        "100.63.255.255",
        "100.128.0.0",
        "172.15.255.255",
        "172.32.0.0",
        "192.169.0.1",
        "2001:4860:4860::8888",
        "2a00:1450:4001::1",
        "64:ff9b::808:808"
      })
  void publicAddressesPass(String address) throws Exception {
    assertThat(InternalAddresses.kind(InetAddress.getByName(address))).isEmpty();
  }
}
