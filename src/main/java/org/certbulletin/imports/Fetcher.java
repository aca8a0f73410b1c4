package org.certbulletin.imports;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Reads documents from files and from https servers within {@link FetchLimits}: a bounded size, a
 * timeout, https only, and redirects followed only to other https addresses.
 */
final class Fetcher {

  private static final int MAX_REDIRECTS = 5;

  private final FetchLimits limits;
  private HttpClient client;
  private ScheduledExecutorService watchdog;

  Fetcher(FetchLimits limits) {
    this.limits = limits;
  }

  FetchLimits limits() {
    return limits;
  }

  /** Whether {@code location} names a server address rather than a file. */
  static boolean isAddress(String location) {
    return location.matches("(?i)^[a-z][a-z0-9+.-]*://.*");
  }

  /** The file or https address {@code location}. */
  Fetched read(String location) {
    if (isAddress(location)) {
      return fetch(address(location), location);
    }
    return readFile(Path.of(location), location);
  }

  Fetched readFile(Path file, String name) {
    try {
      long size = Files.size(file);
      if (size > limits.maxBytes()) {
        throw tooLarge(name);
      }
      try (InputStream in = Files.newInputStream(file)) {
        return new Fetched(name, file.toAbsolutePath().toUri(), bounded(in, name));
      }
    } catch (NoSuchFileException e) {
      throw new ImportException(name + ": file not found");
    } catch (IOException e) {
      throw new ImportException(name + ": cannot read the file: " + e.getMessage(), e);
    }
  }

  /** The document at https address {@code uri}, following https redirects. */
  Fetched fetch(URI uri, String name) {
    requireHttps(uri, name);
    URI current = uri;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      HttpResponse<InputStream> response = send(current);
      int status = response.statusCode();
      if (status >= 300 && status < 400) {
        closeQuietly(response.body());
        Optional<String> location = response.headers().firstValue("Location");
        if (location.isEmpty()) {
          throw new ImportException(current + ": HTTP " + status + " redirect without a Location");
        }
        URI next = current.resolve(location.get().trim());
        if (!"https".equalsIgnoreCase(next.getScheme())) {
          throw new ImportException(
              current
                  + " redirects to "
                  + next
                  + ", which is not an https address; refused (a redirect may not change the"
                  + " scheme)");
        }
        current = next;
        continue;
      }
      if (status != 200) {
        closeQuietly(response.body());
        throw new ImportException(current + ": the server answered HTTP " + status);
      }
      if (response.headers().firstValueAsLong("Content-Length").orElse(0) > limits.maxBytes()) {
        closeQuietly(response.body());
        throw tooLarge(current.toString());
      }
      InputStream body = response.body();
      // the client's timeout ends at the headers; a body that stalls is closed at the deadline
      AtomicBoolean expired = new AtomicBoolean();
      ScheduledFuture<?> deadline =
          watchdog()
              .schedule(
                  () -> {
                    expired.set(true);
                    closeQuietly(body);
                  },
                  limits.timeout().toMillis(),
                  TimeUnit.MILLISECONDS);
      try (InputStream in = body) {
        return new Fetched(name, current, bounded(in, current.toString()));
      } catch (IOException e) {
        throw new ImportException(
            current
                + (expired.get()
                    ? ": the download took longer than " + limits.timeout().toSeconds() + " s"
                    : ": the download broke off: " + e.getMessage()),
            e);
      } finally {
        deadline.cancel(false);
      }
    }
    throw new ImportException(uri + ": more than " + MAX_REDIRECTS + " redirects; refused");
  }

  static URI address(String location) {
    try {
      return new URI(location);
    } catch (URISyntaxException e) {
      throw new ImportException(location + ": not a valid address: " + e.getReason());
    }
  }

  private static void requireHttps(URI uri, String name) {
    if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new ImportException(
          name + ": only https:// addresses are read; download the file and give its path instead");
    }
  }

  private HttpResponse<InputStream> send(URI uri) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(limits.timeout())
            .header("Accept", "application/json, text/csv, */*")
            .GET()
            .build();
    try {
      return client().send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new ImportException(
          uri + ": no answer within " + limits.timeout().toSeconds() + " s", e);
    } catch (IOException e) {
      throw new ImportException(uri + ": cannot read: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImportException(uri + ": interrupted", e);
    }
  }

  private synchronized ScheduledExecutorService watchdog() {
    if (watchdog == null) {
      watchdog =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "import-download-deadline");
                thread.setDaemon(true);
                return thread;
              });
    }
    return watchdog;
  }

  private synchronized HttpClient client() {
    if (client == null) {
      HttpClient.Builder builder =
          HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(limits.timeout());
      limits.trustedCertificate().ifPresent(pem -> builder.sslContext(trusting(pem)));
      client = builder.build();
    }
    return client;
  }

  /** The system's trusted authorities and the certificate in {@code pem}. */
  private static SSLContext trusting(Path pem) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      TrustManagerFactory system =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      system.init((KeyStore) null);
      int n = 0;
      for (var manager : system.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          for (X509Certificate authority : x509.getAcceptedIssuers()) {
            store.setCertificateEntry("system-" + n++, authority);
          }
        }
      }
      try (InputStream in = Files.newInputStream(pem)) {
        for (Certificate certificate :
            CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          store.setCertificateEntry("trusted-" + n++, certificate);
        }
      }
      TrustManagerFactory combined =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      combined.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, combined.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new ImportException(
          pem + ": cannot read the certificate to trust (expected PEM): " + e.getMessage(), e);
    }
  }

  private byte[] bounded(InputStream in, String name) throws IOException {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
    if (bytes.length > limits.maxBytes()) {
      throw tooLarge(name);
    }
    return bytes;
  }

  private ImportException tooLarge(String name) {
    return new ImportException(
        String.format(
            Locale.ROOT,
            "%s: larger than the limit of %,d bytes; refused (raise it with --max-bytes if the"
                + " source is trusted)",
            name,
            limits.maxBytes()));
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // the response is abandoned either way
    }
  }
}
