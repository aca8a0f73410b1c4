package org.certbulletin.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP relay put in front of a real server (GreenMail) to make it misbehave the way real
 * servers do: turn connections away with a 421, defer transactions with a 451, refuse a mailbox
 * with a 550. Everything else passes through unchanged.
 */
public final class FaultySmtpProxy implements AutoCloseable {

  private final ServerSocket server;
  private final int upstream;
  private final AtomicInteger refusedConnections = new AtomicInteger();
  private final AtomicInteger deferredTransactions = new AtomicInteger();
  private final Map<String, String> rejected = new ConcurrentHashMap<>();
  private final AtomicInteger droppedAfterData = new AtomicInteger();
  private final AtomicInteger heldAcceptances = new AtomicInteger();
  private final AtomicInteger held = new AtomicInteger();
  private volatile long holdMillis;
  private final Object releases = new Object();
  private long released;
  private volatile String refusal = "421 4.7.0 Too many connections, slow down";
  private volatile String deferral = "451 4.3.0 Temporary local problem, try again later";

  public FaultySmtpProxy(int upstreamPort) throws IOException {
    this.upstream = upstreamPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "smtp-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The next {@code count} connections are turned away with {@code reply} as the greeting. */
  public void refuseConnections(int count, String reply) {
    refusal = reply;
    refusedConnections.set(count);
  }

  /** The next {@code count} MAIL FROM commands get {@code reply}. */
  public void deferTransactions(int count, String reply) {
    deferral = reply;
    deferredTransactions.set(count);
  }

  /**
   * The next {@code count} messages reach the server, but the connection to the client breaks
   * before the server's answer to the final dot gets back: the client cannot know it was accepted.
   */
  public void dropAfterData(int count) {
    droppedAfterData.set(count);
  }

  /**
   * The next {@code count} messages reach the server, which accepts them, and its {@code 250}
   * reaches the client {@code millis} later: a window in which the message is delivered and the
   * client does not know it yet.
   */
  public void holdAcceptances(int count, long millis) {
    holdMillis = millis;
    heldAcceptances.set(count);
  }

  /** Lets every acceptance held back now reach its client at once. */
  public void releaseHeld() {
    synchronized (releases) {
      released++;
      releases.notifyAll();
    }
  }

  /** How many of the server's acceptances have been held back so far (counted when they arrive). */
  public int heldSoFar() {
    return held.get();
  }

  /** RCPT TO for {@code address} always gets {@code reply}. */
  public void rejectRecipient(String address, String reply) {
    rejected.put(address.toLowerCase(Locale.ROOT), reply);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread handler = new Thread(() -> handle(client), "smtp-proxy-connection");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void handle(Socket client) {
    try (client) {
      OutputStream toClient = client.getOutputStream();
      if (refusedConnections.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        write(toClient, refusal);
        return;
      }
      try (Socket server = new Socket(InetAddress.getLoopbackAddress(), upstream)) {
        AtomicBoolean muted = new AtomicBoolean();
        AtomicBoolean hold = new AtomicBoolean();
        Thread back = new Thread(() -> pump(server, toClient, muted, hold), "smtp-proxy-upstream");
        back.setDaemon(true);
        back.start();
        relayCommands(client.getInputStream(), server.getOutputStream(), toClient, muted, hold);
      }
    } catch (IOException e) {
      // the client or the server hung up
    }
  }

  private void relayCommands(
      InputStream fromClient,
      OutputStream toServer,
      OutputStream toClient,
      AtomicBoolean muted,
      AtomicBoolean hold)
      throws IOException {
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(fromClient, StandardCharsets.ISO_8859_1));
    boolean data = false;
    String line;
    while ((line = lines.readLine()) != null) {
      String upper = line.toUpperCase(Locale.ROOT);
      if (!data
          && upper.startsWith("MAIL FROM:")
          && deferredTransactions.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        write(toClient, deferral);
        continue;
      }
      if (!data && upper.startsWith("RCPT TO:")) {
        String address =
            line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')).toLowerCase(Locale.ROOT);
        String reply = rejected.get(address);
        if (reply != null) {
          write(toClient, reply);
          continue;
        }
      }
      boolean drop =
          data && line.equals(".") && droppedAfterData.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
      if (drop) {
        muted.set(true);
      } else if (data
          && line.equals(".")
          && heldAcceptances.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        hold.set(true);
      }
      synchronized (toServer) {
        toServer.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        toServer.flush();
      }
      if (!data && upper.equals("DATA")) {
        data = true;
      } else if (data && line.equals(".")) {
        data = false;
        if (drop) {
          try {
            Thread.sleep(200);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new IOException("connection dropped on purpose after the message data");
        }
      }
    }
  }

  private void pump(Socket server, OutputStream toClient, AtomicBoolean muted, AtomicBoolean hold) {
    try (InputStream in = server.getInputStream()) {
      byte[] buffer = new byte[8192];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        if (muted.get()) {
          continue;
        }
        if (hold.getAndSet(false)) {
          held.incrementAndGet();
          try {
            awaitRelease();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        synchronized (toClient) {
          toClient.write(buffer, 0, read);
          toClient.flush();
        }
      }
    } catch (IOException e) {
      // connection closed
    }
  }

  /** Waits {@code holdMillis}, or until {@link #releaseHeld()}. */
  private void awaitRelease() throws InterruptedException {
    long end = System.nanoTime() + holdMillis * 1_000_000;
    synchronized (releases) {
      long generation = released;
      for (long left = holdMillis; released == generation && left > 0; ) {
        releases.wait(left);
        left = (end - System.nanoTime()) / 1_000_000;
      }
    }
  }

  private static void write(OutputStream out, String reply) throws IOException {
    synchronized (out) {
      out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
