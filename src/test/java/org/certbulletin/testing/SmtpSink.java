package org.certbulletin.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process SMTP server for the mail benchmarks and large sends: it speaks just enough SMTP
 * (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), reads messages in bulk, counts them and throws them
 * away, so the benchmark measures the sender, not a test server storing messages. It counts the
 * copies each recipient got, for the chaos benchmark and for tests sending to thousands of
 * recipients.
 */
public final class SmtpSink implements AutoCloseable {

  private final ServerSocket server;
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong firstAccepted = new AtomicLong();
  private final AtomicLong lastAccepted = new AtomicLong();
  private final Map<String, Integer> copies = new ConcurrentHashMap<>();
  private final CountDownLatch together;

  public SmtpSink() throws IOException {
    this(1);
  }

  /**
   * A sink that greets no client until {@code clients} have connected, so that senders started at
   * different moments begin sending together.
   */
  public SmtpSink(int clients) throws IOException {
    together = new CountDownLatch(clients);
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "smtp-sink");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public long messages() {
    return messages.get();
  }

  /**
   * Messages per second between the first and the last message this server accepted: the rate of
   * the sending itself, without the sender's start-up.
   */
  public double acceptedPerSecond() {
    long count = messages.get();
    long span = lastAccepted.get() - firstAccepted.get();
    return count < 2 || span <= 0 ? Double.NaN : (count - 1) / (span / 1e9);
  }

  /** The {@link System#nanoTime()} at which the first message was accepted. */
  public long firstAcceptedNanos() {
    return firstAccepted.get();
  }

  /** How many messages each recipient got. */
  public Map<String, Integer> copies() {
    return Map.copyOf(copies);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        Thread connection = new Thread(() -> serve(socket), "smtp-sink-connection");
        connection.setDaemon(true);
        connection.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket;
        InputStream raw = socket.getInputStream();
        OutputStream out = new BufferedOutputStream(socket.getOutputStream())) {
      Reader in = new Reader(raw);
      List<String> recipients = new ArrayList<>();
      together.countDown();
      if (!together.await(5, TimeUnit.MINUTES)) {
        return;
      }
      reply(out, "220 sink ESMTP");
      String line;
      while ((line = in.line()) != null) {
        String command =
            line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
        switch (command) {
          case "EHLO" -> reply(out, "250-sink\r\n250-8BITMIME\r\n250 SIZE 52428800");
          case "RCPT" -> {
            recipients.add(
                line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'))
                    .toLowerCase(java.util.Locale.ROOT));
            reply(out, "250 OK");
          }
          case "MAIL", "RSET" -> {
            recipients.clear();
            reply(out, "250 OK");
          }
          case "HELO", "NOOP" -> reply(out, "250 OK");
          case "DATA" -> {
            reply(out, "354 go ahead");
            in.skipData();
            recipients.forEach(r -> copies.merge(r, 1, Integer::sum));
            recipients.clear();
            long now = System.nanoTime();
            firstAccepted.compareAndSet(0, now);
            lastAccepted.set(now);
            messages.incrementAndGet();
            reply(out, "250 2.0.0 queued");
          }
          case "QUIT" -> {
            reply(out, "221 bye");
            return;
          }
          default -> reply(out, "502 not implemented");
        }
      }
    } catch (IOException e) {
      // the client went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads lines and message data from a socket in large blocks. */
  private static final class Reader {

    private final InputStream in;
    private final byte[] buffer = new byte[256 * 1024];
    private int position;
    private int limit;

    Reader(InputStream in) {
      this.in = in;
    }

    private boolean fill() throws IOException {
      if (position < limit) {
        return true;
      }
      limit = in.read(buffer);
      position = 0;
      return limit > 0;
    }

    String line() throws IOException {
      StringBuilder line = new StringBuilder();
      while (fill()) {
        while (position < limit) {
          byte b = buffer[position++];
          if (b == '\n') {
            int length = line.length();
            return length > 0 && line.charAt(length - 1) == '\r'
                ? line.substring(0, length - 1)
                : line.toString();
          }
          line.append((char) b);
        }
      }
      return line.length() == 0 ? null : line.toString();
    }

    /** Skips up to and including the line that is a single dot. */
    void skipData() throws IOException {
      int state = 2;
      while (fill()) {
        while (position < limit) {
          byte b = buffer[position++];
          if (state == 2 && b == '.') {
            state = 3;
          } else if (state == 3 && b == '\r') {
            state = 4;
          } else if (state == 4 && b == '\n') {
            return;
          } else {
            state = b == '\n' ? 2 : 0;
          }
        }
      }
    }
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
