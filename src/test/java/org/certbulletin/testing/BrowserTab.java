package org.certbulletin.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tab of a {@link Chromium} showing one page as a screen of a given width shows it, for reading
 * what the browser laid out (through {@code Runtime.evaluate}); closed on {@link #close}.
 */
public final class BrowserTab implements AutoCloseable {

  private final DevTools devTools;
  private final String target;
  private final String session;

  private BrowserTab(DevTools devTools, String target, String session) {
    this.devTools = devTools;
    this.target = target;
    this.session = session;
  }

  /** Opens {@code page} in a new tab of {@code browser}, {@code width} CSS pixels wide. */
  public static BrowserTab open(Chromium browser, Path page, int width) throws IOException {
    DevTools devTools = browser.devTools();
    String target =
        devTools
            .send(null, "Target.createTarget", DevTools.params().put("url", "about:blank"))
            .path("targetId")
            .asString();
    String session =
        devTools
            .send(
                null,
                "Target.attachToTarget",
                DevTools.params().put("targetId", target).put("flatten", true))
            .path("sessionId")
            .asString();
    BrowserTab tab = new BrowserTab(devTools, target, session);
    devTools.send(session, "Page.enable", DevTools.params());
    devTools.send(
        session,
        "Emulation.setDeviceMetricsOverride",
        DevTools.params()
            .put("width", width)
            .put("height", 900)
            .put("deviceScaleFactor", 1)
            .put("mobile", false));
    CompletableFuture<JsonNode> loaded = devTools.nextEvent(session, "Page.loadEventFired");
    devTools.send(session, "Page.navigate", DevTools.params().put("url", page.toUri().toString()));
    DevTools.await(loaded, "the load of " + page);
    return tab;
  }

  /** Adds {@code css} to the page's style, after its own (a control's deliberate fault). */
  public void addStyle(String css) throws IOException {
    evaluate(
        "(() => { const s = document.createElement('style'); s.textContent = "
            + quoted(css)
            + "; document.head.appendChild(s); return document.styleSheets.length + ''; })()");
  }

  /** The value of {@code expression}, a JavaScript expression that yields a string. */
  public String evaluate(String expression) throws IOException {
    ObjectNode params = DevTools.params().put("expression", expression).put("returnByValue", true);
    JsonNode result = devTools.send(session, "Runtime.evaluate", params);
    if (result.has("exceptionDetails")) {
      throw new IOException("the page threw: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value").asString();
  }

  @Override
  public void close() throws IOException {
    devTools.send(null, "Target.closeTarget", DevTools.params().put("targetId", target));
  }

  private static String quoted(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
  }
}
