package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** Argon2id hashes in PHC form: checked with the parameters written in them. */
class PasswordHashingTest {

  private final PasswordHashing hashing = new PasswordHashing(new SecureRandom());

  @Test
  void aHashVerifiesItsPasswordAndNoOther() {
    String hash = hashing.hash("correct horse battery".toCharArray());

    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(hash).doesNotContain("correct horse battery");
    assertThat(hashing.verify("correct horse battery".toCharArray(), hash)).isTrue();
    assertThat(hashing.verify("correct horse batterY".toCharArray(), hash)).isFalse();
    assertThat(hashing.verify("".toCharArray(), hash)).isFalse();
  }

  @Test
  void theSamePasswordHashesDifferentlyEachTime() {
    String first = hashing.hash("correct horse battery".toCharArray());
    String second = hashing.hash("correct horse battery".toCharArray());

    assertThat(first).isNotEqualTo(second);
    assertThat(hashing.verify("correct horse battery".toCharArray(), second)).isTrue();
  }

  @Test
  void aPasswordBeyondAsciiVerifies() {
    String hash = hashing.hash("كلمة سر طويلة جدا 🔑".toCharArray());

    assertThat(hashing.verify("كلمة سر طويلة جدا 🔑".toCharArray(), hash)).isTrue();
    assertThat(hashing.verify("كلمة سر طويلة جدا 🔒".toCharArray(), hash)).isFalse();
  }

  @Test
  void aHashMadeWithOtherParametersVerifiesWithThoseAndIsMarkedForRehashing() {
    PasswordHashing older =
        new PasswordHashing(new SecureRandom(), new PasswordHashing.Parameters(8192, 1, 1));
    String old = older.hash("correct horse battery".toCharArray());

    assertThat(old).startsWith("$argon2id$v=19$m=8192,t=1,p=1$");
    assertThat(PasswordHashing.parameters(old))
        .contains(new PasswordHashing.Parameters(8192, 1, 1));
    assertThat(hashing.verify("correct horse battery".toCharArray(), old)).isTrue();
    assertThat(hashing.verify("wrong horse battery".toCharArray(), old)).isFalse();
    assertThat(hashing.weakerThanCurrent(old)).isTrue();
    assertThat(hashing.weakerThanCurrent(hashing.hash("x".repeat(12).toCharArray()))).isFalse();
  }

  @Test
  void changedParametersNoLongerVerify() {
    String hash = hashing.hash("correct horse battery".toCharArray());
    String changed = hash.replace("t=2", "t=3");

    assertThat(hashing.verify("correct horse battery".toCharArray(), hash)).isTrue();
    assertThat(hashing.verify("correct horse battery".toCharArray(), changed)).isFalse();
  }

  @Test
  void refusesStringsItCannotCheckWithoutTryingThem() {
    String hash = hashing.hash("correct horse battery".toCharArray());
    String huge = hash.replace("m=19456", "m=99999999");
    String argon2i = hash.replace("$argon2id$", "$argon2i$");

    assertThat(hashing.verify("correct horse battery".toCharArray(), hash)).isTrue();
    assertThat(hashing.verify("correct horse battery".toCharArray(), huge)).isFalse();
    assertThat(hashing.verify("correct horse battery".toCharArray(), argon2i)).isFalse();
    assertThat(hashing.verify("correct horse battery".toCharArray(), "")).isFalse();
    assertThat(hashing.verify("correct horse battery".toCharArray(), "correct horse battery"))
        .isFalse();
    assertThat(hashing.weakerThanCurrent("not a hash")).isTrue();
  }
}
