package org.certbulletin.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.CookieStore;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser: a client with its own cookies. The session cookie is {@code Secure}, as it should be;
 * a browser sends it to 127.0.0.1 over plain HTTP, the JDK's cookie manager does not, so this one
 * keeps cookies as not secure.
 */
final class FormBrowser {

  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private final String address;
  private final Path hidden;
  private final HttpClient client;
  String csrf = "";

  /**
   * A browser of the server at {@code address}, whose pages must never show {@code hidden} (the
   * server's own folder).
   */
  FormBrowser(String address, Path hidden) {
    this.address = address;
    this.hidden = hidden;
    CookieStore store = new CookieManager().getCookieStore();
    client =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager(new PlainStore(store), CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  HttpResponse<String> signInAs(String name, String password)
      throws IOException, InterruptedException {
    get("/console/sign-in");
    return send(
        form("/console/sign-in", Map.of("name", name, "password", password, "next", "/console/")));
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  HttpResponse<String> post(String path, Map<String, String> fields)
      throws IOException, InterruptedException {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("csrf", csrf);
    return send(form(path, all));
  }

  HttpResponse<String> postWithoutCsrf(String path, Map<String, String> fields)
      throws IOException, InterruptedException {
    return send(form(path, fields));
  }

  HttpResponse<String> upload(
      String path, Map<String, String> fields, String fileName, byte[] content)
      throws IOException, InterruptedException {
    String boundary = "----console-test-boundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Map<String, String> all = new LinkedHashMap<>();
    all.put("csrf", csrf);
    all.putAll(fields);
    for (Map.Entry<String, String> field : all.entrySet()) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + field.getKey()
                  + "\"\r\n\r\n"
                  + field.getValue()
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  String csrfOf(HttpResponse<String> page) {
    Matcher m = CSRF.matcher(page.body());
    assertThat(m.find()).as("a csrf field in " + page.uri()).isTrue();
    return m.group(1);
  }

  private HttpRequest.Builder form(String path, Map<String, String> fields) {
    List<String> pairs = new ArrayList<>();
    fields.forEach(
        (k, v) ->
            pairs.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)));
  }

  private URI uri(String path) {
    return URI.create(address + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.body())
        .as("body of a " + response.statusCode())
        .doesNotContain("Exception", hidden.toString());
    return response;
  }

  /** A cookie store that keeps every cookie as not secure (see {@link FormBrowser}). */
  private static final class PlainStore implements CookieStore {
    private final CookieStore store;

    PlainStore(CookieStore store) {
      this.store = store;
    }

    @Override
    public void add(URI uri, HttpCookie cookie) {
      cookie.setSecure(false);
      store.add(uri, cookie);
    }

    @Override
    public List<HttpCookie> get(URI uri) {
      return store.get(uri);
    }

    @Override
    public List<HttpCookie> getCookies() {
      return store.getCookies();
    }

    @Override
    public List<URI> getURIs() {
      return store.getURIs();
    }

    @Override
    public boolean remove(URI uri, HttpCookie cookie) {
      return store.remove(uri, cookie);
    }

    @Override
    public boolean removeAll() {
      return store.removeAll();
    }
  }
}
