package org.certbulletin.imports;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
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
 * timeout, https only, no credentials in addresses, no server of the CERT's own network unless
 * allowed by name, and redirects followed only to other https addresses that pass the same checks.
 */
final class Fetcher {

  private static final int MAX_REDIRECTS = 5;

  private final FetchLimits limits;
  private final HostPolicy policy;
  private SSLContext tls;
  private ScheduledExecutorService watchdog;

  Fetcher(FetchLimits limits) {
    this.limits = limits;
    this.policy = new HostPolicy(limits.allowedHosts());
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
      throw new ImportException(Urls.shown(name) + ": file not found");
    } catch (IOException e) {
      throw new ImportException(name + ": cannot read the file: " + e.getMessage(), e);
    }
  }

  /**
   * The document at https address {@code uri}, following https redirects; each address is checked
   * by the {@link HostPolicy} before it is connected to.
   */
  Fetched fetch(URI uri, String name) {
    Urls.refuseCredentials(uri.toString());
    requireHttps(uri, Urls.shown(name));
    URI current = uri;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      HttpsGet.Answer response = send(current);
      int status = response.status();
      if (status >= 300 && status < 400) {
        closeQuietly(response.body());
        Optional<String> location = response.header("Location");
        if (location.isEmpty()) {
          throw new ImportException(current + ": HTTP " + status + " redirect without a Location");
        }
        URI next;
        try {
          next = current.resolve(location.get().strip());
        } catch (IllegalArgumentException e) {
          throw new ImportException(
              current
                  + " redirects to '"
                  + Urls.shown(Texts.cut(Texts.line(location.get()), 200))
                  + "', which is not a valid address; refused");
        }
        Urls.refuseCredentials(next.toString());
        if (!"https".equalsIgnoreCase(next.getScheme()) || next.getHost() == null) {
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
      long length = response.header("Content-Length").map(Fetcher::number).orElse(0L);
      if (length > limits.maxBytes()) {
        closeQuietly(response.body());
        throw tooLarge(current.toString());
      }
      InputStream body = response.body();
      // each read waits at most the timeout; a body that trickles is closed at the deadline
      AtomicBoolean expired = new AtomicBoolean();
      ScheduledFuture<?> deadline = closeAt(body, expired);
      try (InputStream in = body) {
        return new Fetched(name, current, bounded(in, current.toString()));
      } catch (IOException e) {
        throw new ImportException(
            current
                + (expired.get() || e instanceof SocketTimeoutException
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
      throw new ImportException(Urls.shown(location) + ": not a valid address: " + e.getReason());
    }
  }

  private static void requireHttps(URI uri, String name) {
    if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new ImportException(
          name + ": only https:// addresses are read; download the file and give its path instead");
    }
  }

  private static long number(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Asks {@code uri}, connecting to the first of its host's checked addresses that answers; the
   * connection, TLS handshake and answer's head together end at the timeout.
   */
  private HttpsGet.Answer send(URI uri) {
    List<InetAddress> addresses = policy.addresses(uri);
    int millis = (int) Math.min(Integer.MAX_VALUE, limits.timeout().toMillis());
    IOException failure = null;
    for (InetAddress address : addresses) {
      AtomicBoolean expired = new AtomicBoolean();
      Socket socket = new Socket();
      ScheduledFuture<?> deadline =
          watchdog()
              .schedule(
                  () -> {
                    expired.set(true);
                    closeQuietly(socket);
                  },
                  millis,
                  TimeUnit.MILLISECONDS);
      try {
        return HttpsGet.send(tls(), socket, address, uri, millis);
      } catch (ConnectException | NoRouteToHostException e) {
        failure = e;
      } catch (IOException e) {
        if (expired.get() || e instanceof SocketTimeoutException) {
          throw new ImportException(
              uri + ": no answer within " + limits.timeout().toSeconds() + " s", e);
        }
        throw new ImportException(uri + ": cannot read: " + e, e);
      } finally {
        deadline.cancel(false);
      }
    }
    throw new ImportException(
        uri + ": cannot connect to " + describe(addresses) + ": " + failure, failure);
  }

  private static String describe(List<InetAddress> addresses) {
    return String.join(", ", addresses.stream().map(InternalAddresses::text).toList());
  }

  private ScheduledFuture<?> closeAt(InputStream body, AtomicBoolean expired) {
    return watchdog()
        .schedule(
            () -> {
              expired.set(true);
              closeQuietly(body);
            },
            limits.timeout().toMillis(),
            TimeUnit.MILLISECONDS);
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

  private synchronized SSLContext tls() {
    if (tls == null) {
      tls = limits.trustedCertificate().map(Fetcher::trusting).orElseGet(Fetcher::systemTls);
    }
    return tls;
  }

  private static SSLContext systemTls() {
    try {
      return SSLContext.getDefault();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no TLS", e);
    }
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

  private static void closeQuietly(java.io.Closeable in) {
    try {
      in.close();
    } catch (IOException e) {
      // the response is abandoned either way
    }
  }
}
