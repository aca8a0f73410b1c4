package org.certbulletin.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs Deque's axe-core accessibility engine, with its default rules (WCAG 2 A and AA and best
 * practices), over pages opened in a {@link Chromium}. The engine is the {@code axe.min.js} of the
 * test class path (from {@code com.deque.html.axe-core:selenium}); it is put into the page through
 * DevTools, so a page's Content-Security-Policy does not keep it out and the page is checked as
 * published, unchanged.
 */
public final class Axe {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Runs axe and returns its violations as JSON text (a promise DevTools awaits). */
  private static final String RUN =
      "axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations))";

  private final DevTools devTools;
  private final String source;

  /** axe in {@code browser}, from the class path. */
  public Axe(Chromium browser) throws IOException {
    this.devTools = browser.devTools();
    try (InputStream in = Axe.class.getResourceAsStream("/axe.min.js")) {
      if (in == null) {
        throw new IOException(
            "axe.min.js is not on the test class path: the com.deque.html.axe-core:selenium"
                + " dependency of pom.xml brings it");
      }
      this.source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The engine's version, from the banner of axe.min.js: {@code 4.11.1}. */
  public String version() {
    Matcher m = Pattern.compile("axe v(\\S+)").matcher(source);
    return m.find() ? m.group(1) : "unknown";
  }

  /**
   * Opens {@code page} in a new tab and checks it as a screen of each of {@code widths} CSS pixels
   * shows it; the violations of every width, in that order (a list per width).
   */
  public List<List<AxeViolation>> check(Path page, int... widths) throws IOException {
    String target =
        devTools
            .send(null, "Target.createTarget", DevTools.params().put("url", "about:blank"))
            .path("targetId")
            .asString();
    try {
      String session =
          devTools
              .send(
                  null,
                  "Target.attachToTarget",
                  DevTools.params().put("targetId", target).put("flatten", true))
              .path("sessionId")
              .asString();
      devTools.send(session, "Page.enable", DevTools.params());
      List<List<AxeViolation>> results = new ArrayList<>();
      for (int i = 0; i < widths.length; i++) {
        devTools.send(
            session,
            "Emulation.setDeviceMetricsOverride",
            DevTools.params()
                .put("width", widths[i])
                .put("height", 900)
                .put("deviceScaleFactor", 1)
                .put("mobile", false));
        if (i == 0) {
          CompletableFuture<JsonNode> loaded = devTools.nextEvent(session, "Page.loadEventFired");
          devTools.send(
              session, "Page.navigate", DevTools.params().put("url", page.toUri().toString()));
          DevTools.await(loaded, "the load of " + page);
          evaluate(session, source, false);
        }
        results.add(violations(evaluate(session, RUN, true)));
      }
      return results;
    } finally {
      devTools.send(null, "Target.closeTarget", DevTools.params().put("targetId", target));
    }
  }

  /** The violations of the page {@code tab} shows now, at the width it is shown. */
  public List<AxeViolation> check(BrowserTab tab) throws IOException {
    tab.evaluate(source + "\n;''");
    return violations(tab.evaluateAsync(RUN));
  }

  private String evaluate(String session, String expression, boolean awaitPromise)
      throws IOException {
    ObjectNode params =
        DevTools.params()
            .put("expression", expression)
            .put("awaitPromise", awaitPromise)
            .put("returnByValue", true);
    JsonNode result = devTools.send(session, "Runtime.evaluate", params);
    if (result.has("exceptionDetails")) {
      throw new IOException("the page threw: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value").asString();
  }

  private static List<AxeViolation> violations(String json) {
    List<AxeViolation> violations = new ArrayList<>();
    for (JsonNode v : JSON.readTree(json)) {
      List<AxeViolation.Node> nodes = new ArrayList<>();
      for (JsonNode n : v.path("nodes")) {
        List<String> target = new ArrayList<>();
        n.path("target").forEach(t -> target.add(t.isString() ? t.asString() : t.toString()));
        nodes.add(
            new AxeViolation.Node(
                String.join(" ", target),
                n.path("html").asString(),
                n.path("failureSummary").asString()));
      }
      violations.add(
          new AxeViolation(
              v.path("id").asString(),
              v.path("impact").asString(),
              v.path("help").asString(),
              v.path("helpUrl").asString(),
              nodes));
    }
    return violations;
  }
}
