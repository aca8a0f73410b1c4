package org.certbulletin.http;

/**
 * A request the server refuses before it reaches the service: not signed in (401), a body of the
 * wrong media type (415), a missing precondition (428), a malformed parameter (400).
 */
public final class HttpRefusal extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final String title;

  HttpRefusal(int status, String type, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
  }

  static HttpRefusal unauthenticated(String detail) {
    return new HttpRefusal(401, "unauthenticated", "Not signed in", detail);
  }

  static HttpRefusal badRequest(String detail) {
    return new HttpRefusal(400, "bad-request", "Bad request", detail);
  }

  public int status() {
    return status;
  }

  String type() {
    return type;
  }

  String title() {
    return title;
  }
}
