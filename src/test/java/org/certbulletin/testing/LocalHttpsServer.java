package org.certbulletin.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real https server on 127.0.0.1 with a self-signed certificate made by the JDK's keytool for the
 * test: it serves the bytes put at each path, and redirects where told. Clients trust it only
 * through {@link #certificate()}.
 */
public final class LocalHttpsServer implements AutoCloseable {

  private static final String PASSWORD = "test-only";

  private final HttpsServer server;
  private final Path certificate;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, String> redirects = new ConcurrentHashMap<>();
  private final java.util.Set<String> stalled = ConcurrentHashMap.newKeySet();
  private final java.util.Set<String> chunked = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> delays = new ConcurrentHashMap<>();
  private final Map<String, java.util.concurrent.atomic.AtomicInteger> requests =
      new ConcurrentHashMap<>();

  private LocalHttpsServer(HttpsServer server, Path certificate) {
    this.server = server;
    this.certificate = certificate;
  }

  /** Starts a server whose key and certificate are made in {@code folder}. */
  public static LocalHttpsServer start(Path folder) {
    try {
      Path store = selfSignedKeyStore(folder, PASSWORD);
      Path pem = folder.resolve("server.pem");
      keytool(
          "-exportcert",
          "-rfc",
          "-alias",
          "server",
          "-keystore",
          store.toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          PASSWORD,
          "-file",
          pem.toString());
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keys.load(in, PASSWORD.toCharArray());
      }
      KeyManagerFactory managers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      managers.init(keys, PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(managers.getKeyManagers(), null, null);
      HttpsServer server =
          HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      server.setHttpsConfigurator(new HttpsConfigurator(context));
      LocalHttpsServer local = new LocalHttpsServer(server, pem);
      server.createContext("/", local::handle);
      // a stalled answer holds its thread: the others get their own
      server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
      server.start();
      return local;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A PKCS#12 key store {@code server.p12} in {@code folder} with a new EC key and a certificate
   * for {@code localhost} and {@code 127.0.0.1}, valid for two days, made by the JDK's keytool.
   */
  public static Path selfSignedKeyStore(Path folder, String password) throws IOException {
    Path store = folder.resolve("server.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-validity",
        "2",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        password);
    return store;
  }

  private static void keytool(String... args) throws IOException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output =
          new String(
              process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** The server's certificate, PEM, for {@code --trust-certificate}. */
  public Path certificate() {
    return certificate;
  }

  /** The https address of {@code path} ({@code /feed.json}). */
  public String url(String path) {
    return "https://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public void put(String path, byte[] bytes) {
    files.put(path, bytes);
  }

  public void redirect(String path, String location) {
    redirects.put(path, location);
  }

  /** Waits until {@code path} has been asked for {@code count} times in all. */
  public void awaitRequests(String path, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (requests.getOrDefault(path, new java.util.concurrent.atomic.AtomicInteger()).get()
        < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(path + " was not asked for " + count + " times within 60 s");
      }
      Thread.sleep(10);
    }
  }

  /** How many times {@code path} has been asked for. */
  public int requests(String path) {
    return requests.getOrDefault(path, new java.util.concurrent.atomic.AtomicInteger()).get();
  }

  /** The https address of {@code path} on host {@code host} (like localhost) and this port. */
  public String url(String host, String path) {
    return "https://" + host + ":" + server.getAddress().getPort() + path;
  }

  /** Makes {@code path} answer after {@code millis}. */
  public void delay(String path, long millis) {
    delays.put(path, millis);
  }

  /** Makes {@code path} answer without a Content-Length (chunked). */
  public void chunked(String path) {
    chunked.add(path);
  }

  /** Makes {@code path} answer with its headers and a few bytes, then nothing for a minute. */
  public void stall(String path) {
    stalled.add(path);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests
        .computeIfAbsent(path, p -> new java.util.concurrent.atomic.AtomicInteger())
        .incrementAndGet();
    try (exchange) {
      String location = redirects.get(path);
      if (location != null) {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        return;
      }
      if (stalled.contains(path)) {
        exchange.sendResponseHeaders(200, 1000);
        OutputStream out = exchange.getResponseBody();
        out.write("{\"document\": ".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      Long delay = delays.get(path);
      if (delay != null) {
        try {
          Thread.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] body = files.get(path);
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, chunked.contains(path) ? 0 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
