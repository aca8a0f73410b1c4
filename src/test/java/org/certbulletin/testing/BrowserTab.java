package org.certbulletin.testing;

import java.io.IOException;
import java.net.URI;
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
    return open(browser, page.toUri(), width);
  }

  /** Opens {@code address} (a file, or a server on 127.0.0.1) in a new tab, {@code width} wide. */
  public static BrowserTab open(Chromium browser, URI address, int width) throws IOException {
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
    tab.width(width);
    tab.go(address);
    return tab;
  }

  /** Shows the page as a screen {@code width} CSS pixels wide (900 high) does. */
  public void width(int width) throws IOException {
    devTools.send(
        session,
        "Emulation.setDeviceMetricsOverride",
        DevTools.params()
            .put("width", width)
            .put("height", 900)
            .put("deviceScaleFactor", 1)
            .put("mobile", false));
  }

  /** Goes to {@code address} and waits until it has loaded. */
  public void go(URI address) throws IOException {
    CompletableFuture<JsonNode> loaded = devTools.nextEvent(session, "Page.loadEventFired");
    devTools.send(session, "Page.navigate", DevTools.params().put("url", address.toString()));
    DevTools.await(loaded, "the load of " + address);
  }

  /**
   * Types {@code text} into the field with id {@code id} as a person would: focused, emptied, the
   * text inserted (so the page's input listeners run).
   */
  public void type(String id, String text) throws IOException {
    evaluate(
        "(() => { const e = document.getElementById("
            + quoted(id)
            + "); if (!e) { throw new Error('no field ' + "
            + quoted(id)
            + "); } e.focus(); e.select && e.select(); return ''; })()");
    devTools.send(session, "Input.insertText", DevTools.params().put("text", text));
  }

  /** Clicks what {@code selector} finds, and waits for the page it leads to to load. */
  public void clickAndWait(String selector) throws IOException {
    CompletableFuture<JsonNode> loaded = devTools.nextEvent(session, "Page.loadEventFired");
    evaluate(
        "(() => { const e = document.querySelector("
            + quoted(selector)
            + "); if (!e) { throw new Error('nothing matches ' + "
            + quoted(selector)
            + "); } e.click(); return ''; })()");
    DevTools.await(loaded, "the page after clicking " + selector);
  }

  /** The text of what {@code selector} finds; empty if nothing. */
  public String text(String selector) throws IOException {
    return evaluate(
        "(() => { const e = document.querySelector("
            + quoted(selector)
            + "); return e ? e.innerText : ''; })()");
  }

  /** The address of the page shown. */
  public String location() throws IOException {
    return evaluate("location.href");
  }

  /** A PNG of the whole page, as long as it is, at the width set. */
  public void screenshot(Path file) throws IOException {
    JsonNode shot =
        devTools.send(
            session,
            "Page.captureScreenshot",
            DevTools.params().put("format", "png").put("captureBeyondViewport", true));
    java.nio.file.Files.write(
        file, java.util.Base64.getDecoder().decode(shot.path("data").asString()));
  }

  /** The value of {@code expression}, a JavaScript expression yielding a promise of a string. */
  public String evaluateAsync(String expression) throws IOException {
    ObjectNode params =
        DevTools.params()
            .put("expression", expression)
            .put("awaitPromise", true)
            .put("returnByValue", true);
    JsonNode result = devTools.send(session, "Runtime.evaluate", params);
    if (result.has("exceptionDetails")) {
      throw new IOException("the page threw: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value").asString();
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
