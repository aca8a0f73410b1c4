package org.certbulletin.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Optional;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;

/**
 * One operation of the API, as its OpenAPI document names it: method, path, {@code operationId},
 * who may call it, and who writes its audit line: every change is audited, and every refusal,
 * whatever the operation.
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
    Audit audit,
    Handler handler) {

  /** Who writes the audit line of a call that succeeds. */
  enum Audit {
    /** Nobody: it reads nothing marked, changes nothing (refusals are still audited). */
    NONE,
    /** The server, for the operation. */
    BY_DOOR,
    /** The service the operation calls, which checks the caller's role itself. */
    BY_SERVICE
  }

  /** What an operation does, for a caller already authenticated and authorised. */
  @FunctionalInterface
  interface Handler {
    void handle(Context ctx, Principal caller) throws Exception;
  }
}
