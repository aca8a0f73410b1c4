package org.certbulletin.http;

import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty answers when it refuses a request before any operation sees it (a malformed request
 * line, an encoded NUL, a header too large, an unknown HTTP version): a problem, as every other
 * refusal, with the same protective headers, instead of Jetty's HTML page.
 */
final class ProblemErrorHandler extends ErrorHandler {

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status =
        request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
    if (status < 400) {
      status = 500;
    }
    response.setStatus(status);
    response.getHeaders().remove(HttpHeader.CACHE_CONTROL);
    for (Map.Entry<String, String> header : ApiServer.PROTECTIVE_HEADERS.entrySet()) {
      response.getHeaders().put(header.getKey(), header.getValue());
    }
    response
        .getHeaders()
        .put(HttpHeader.CONTENT_TYPE, ProblemResponse.MEDIA_TYPE + ";charset=utf-8");
    // Jetty closes a connection whose request it could not read; saying so keeps a client from
    // sending its next request on it (and getting no answer at all)
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    byte[] body =
        ProblemResponse.withoutRequest(
            status, "http-" + status, HttpStatus.getMessage(status), detail(status));
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  private static String detail(int status) {
    return switch (status) {
      case 400 ->
          "the request is not well-formed HTTP/1.1 (its request line, a header, a percent"
              + " escape of its path or the length of its body); send it as RFC 9112 says";
      case 408 -> "the request did not arrive in time; send it again";
      case 413 -> "the request body is larger than " + ApiServer.MAX_BODY + " bytes";
      case 414 ->
          "the request's path and query are too long; the operations are in /api/openapi.json";
      case 431 -> "the request's headers are too large; send fewer or shorter ones";
      case 505 -> "the server speaks HTTP/1.1";
      default -> "the server could not answer the request";
    };
  }
}
