package org.certbulletin.http;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON of requests and responses: small documents, bounded in size and depth. */
final class Json {

  /** The most a small request body (a sign-in, a token request) may nest. */
  static final int MAX_DEPTH = 16;

  static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxStringLength(64 * 1024)
                          .build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private Json() {}

  static byte[] write(Object value) {
    return MAPPER.writeValueAsBytes(value);
  }
}
