package org.certbulletin.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.certbulletin.model.Problem;

/**
 * An error as RFC 9457 {@code application/problem+json}: a type, a title, the status, what happened
 * and what to do ({@code detail}), the request it answers ({@code instance}), and for bad input
 * every problem with its place (file or request, line, column and JSON pointer), as the command
 * line prints them.
 */
final class ProblemResponse {

  static final String MEDIA_TYPE = "application/problem+json";

  private ProblemResponse() {}

  /** One problem of an input as JSON: where it is, what is wrong, and the line the CLI prints. */
  static Map<String, Object> place(Problem problem) {
    Map<String, Object> place = new LinkedHashMap<>();
    place.put("file", problem.file());
    place.put("line", problem.location().line());
    place.put("column", problem.location().column());
    place.put("pointer", problem.pointer());
    place.put("message", problem.message());
    place.put("text", problem.toString());
    return place;
  }

  /** Writes a problem with no list of places. */
  static void send(Context ctx, int status, String type, String title, String detail) {
    send(ctx, status, type, title, detail, List.of(), Map.of());
  }

  /** Writes a problem; {@code extra} members are added as they are ({@code id}, say). */
  static void send(
      Context ctx,
      int status,
      String type,
      String title,
      String detail,
      List<Problem> problems,
      Map<String, Object> extra) {
    Map<String, Object> body = members(status, type, title, detail);
    body.put("instance", ctx.method() + " " + ctx.path());
    if (!problems.isEmpty()) {
      body.put("problems", problems.stream().map(ProblemResponse::place).toList());
    }
    body.putAll(extra);
    drain(ctx);
    ctx.status(status).contentType(MEDIA_TYPE).result(Json.write(body));
  }

  /**
   * Reads what is left of the request's body (up to the largest body the server takes), so that a
   * refusal sent before the body was read reaches the client: a server that closes the connection
   * while the client is still sending resets it, and the client sees no answer at all.
   */
  private static void drain(Context ctx) {
    if (ctx.req().getContentLengthLong() == 0) {
      return;
    }
    byte[] buffer = new byte[16 * 1024];
    long left = ApiServer.MAX_BODY;
    try {
      InputStream in = ctx.req().getInputStream();
      for (int n = in.read(buffer); n >= 0 && left > 0; n = in.read(buffer)) {
        left -= n;
      }
    } catch (IOException | IllegalStateException e) {
      // the body was read already, or the client went away: nothing to wait for
    }
  }

  /**
   * A problem with no request to name: one Jetty refused before any operation saw it (a request
   * line or header it could not parse, too long or too large).
   */
  static byte[] withoutRequest(int status, String type, String title, String detail) {
    return Json.write(members(status, type, title, detail));
  }

  private static Map<String, Object> members(int status, String type, String title, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "urn:cert-bulletin:problem:" + type);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    return body;
  }
}
