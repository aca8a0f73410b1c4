package org.certbulletin.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one way an enum of the data format is read from its code: exact match, or an error listing
 * the codes.
 */
final class EnumCodes {

  private EnumCodes() {}

  static <E extends Enum<E>> E parse(
      Class<E> type, String code, Function<E, String> codeOf, String what) {
    E[] values = type.getEnumConstants();
    return Arrays.stream(values)
        .filter(value -> codeOf.apply(value).equals(code))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown "
                        + what
                        + ": '"
                        + Printable.of(String.valueOf(code), 40)
                        + "' (use "
                        + Arrays.stream(values).map(codeOf).collect(Collectors.joining(", "))
                        + ")"));
  }

  /**
   * The usual code of a constant: its name in lower case, {@code CLOUD_PROVIDER} as {@code
   * cloud_provider}.
   */
  static String lowerCase(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
