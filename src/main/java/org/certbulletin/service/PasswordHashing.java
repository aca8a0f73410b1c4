package org.certbulletin.service;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (Bouncy Castle) in the PHC string form, {@code
 * $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH}. A hash is checked with the parameters written in it,
 * so that new hashes can use stronger ones while old ones still verify (and are replaced at the
 * next sign-in, see {@link #weakerThanCurrent}).
 */
final class PasswordHashing {

  /** OWASP's first Argon2id choice: 19 MiB, two passes, one lane. */
  static final Parameters CURRENT = new Parameters(19 * 1024, 2, 1);

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  /** Bounds on parameters read back, so that a tampered row cannot exhaust the memory. */
  private static final int MAX_MEMORY_KIB = 1024 * 1024;

  private static final int MAX_ITERATIONS = 64;
  private static final int MAX_PARALLELISM = 16;

  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})"
              + "\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})");

  private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getDecoder();

  /** Argon2's cost parameters: memory in KiB, passes, lanes. */
  record Parameters(int memoryKib, int iterations, int parallelism) {

    boolean weakerThan(Parameters other) {
      return memoryKib < other.memoryKib
          || iterations < other.iterations
          || parallelism < other.parallelism;
    }
  }

  private final SecureRandom random;
  private final Parameters parameters;

  /** A hash of a password no one has, checked against when there is no account. */
  private volatile String decoy;

  PasswordHashing(SecureRandom random) {
    this(random, CURRENT);
  }

  PasswordHashing(SecureRandom random, Parameters parameters) {
    this.random = random;
    this.parameters = parameters;
  }

  /** A new hash of {@code password}, with a new random salt. */
  String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, parameters, HASH_BYTES);
    return String.format(
        Locale.ROOT,
        "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s",
        parameters.memoryKib(),
        parameters.iterations(),
        parameters.parallelism(),
        ENCODER.encodeToString(salt),
        ENCODER.encodeToString(hash));
  }

  /**
   * Whether {@code password} is the one {@code stored} was made from, compared in constant time;
   * false for a string that is not an Argon2id hash this class can check.
   */
  boolean verify(char[] password, String stored) {
    Matcher m = PHC.matcher(stored);
    if (!m.matches()) {
      return false;
    }
    Optional<Parameters> read = usable(m);
    if (read.isEmpty()) {
      return false;
    }
    byte[] salt = DECODER.decode(m.group(4));
    byte[] expected = DECODER.decode(m.group(5));
    byte[] actual = derive(password, salt, read.get(), expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  /**
   * Spends the time a check of a real hash takes, for a sign-in to an account that does not exist,
   * so that the time of the answer does not say whether it does.
   */
  void verifyNothing(char[] password) {
    String hash = decoy;
    if (hash == null) {
      hash = hash("an account that does not exist".toCharArray());
      decoy = hash;
    }
    verify(password, hash);
  }

  /** Whether {@code stored} was made with weaker parameters than new hashes get. */
  boolean weakerThanCurrent(String stored) {
    return parameters(stored).map(p -> p.weakerThan(parameters)).orElse(true);
  }

  /** The parameters written in {@code stored}, if it is a hash this class can check. */
  static Optional<Parameters> parameters(String stored) {
    Matcher m = PHC.matcher(stored);
    return m.matches() ? usable(m) : Optional.empty();
  }

  private static Optional<Parameters> usable(Matcher phc) {
    Parameters p =
        new Parameters(
            Integer.parseInt(phc.group(1)),
            Integer.parseInt(phc.group(2)),
            Integer.parseInt(phc.group(3)));
    boolean usable =
        p.parallelism() >= 1
            && p.parallelism() <= MAX_PARALLELISM
            && p.iterations() >= 1
            && p.iterations() <= MAX_ITERATIONS
            && p.memoryKib() >= 8 * p.parallelism()
            && p.memoryKib() <= MAX_MEMORY_KIB;
    return usable ? Optional.of(p) : Optional.empty();
  }

  private static byte[] derive(char[] password, byte[] salt, Parameters p, int length) {
    Argon2Parameters argon2 =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(p.memoryKib())
            .withIterations(p.iterations())
            .withParallelism(p.parallelism())
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(argon2);
    byte[] bytes = utf8(password);
    try {
      byte[] out = new byte[length];
      generator.generateBytes(bytes, out);
      return out;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** The password's UTF-8 bytes, made without a {@code String} that would linger in the heap. */
  private static byte[] utf8(char[] password) {
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    // at most three bytes a char: a pair of surrogates makes four
    ByteBuffer buffer = ByteBuffer.allocate(password.length * 3);
    encoder.encode(CharBuffer.wrap(password), buffer, true);
    encoder.flush(buffer);
    byte[] bytes = Arrays.copyOf(buffer.array(), buffer.position());
    Arrays.fill(buffer.array(), (byte) 0);
    return bytes;
  }
}
