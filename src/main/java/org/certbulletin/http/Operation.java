package org.certbulletin.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Optional;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;

/**
 * One operation of the API, as its OpenAPI document names it: method, path, {@code operationId},
 * who may call it, and whether a successful call is written to the audit log (every change is;
 * every refusal is, whatever the operation).
 *
 * @param role the role a caller needs; empty for any signed-in caller
 * @param open whether the operation needs no sign-in at all (the API document, signing in)
 */
record Operation(
    HandlerType method,
    String path,
    String id,
    Optional<Role> role,
    boolean open,
    boolean audited,
    Handler handler) {

  /** What an operation does, for a caller already authenticated and authorised. */
  @FunctionalInterface
  interface Handler {
    void handle(Context ctx, Principal caller) throws Exception;
  }
}
