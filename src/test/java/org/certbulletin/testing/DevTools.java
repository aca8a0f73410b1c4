package org.certbulletin.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A connection to a browser's DevTools protocol over its WebSocket: commands sent with an id, their
 * replies matched to them, and events waited for by name.
 */
public final class DevTools implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final WebSocket socket;
  private final Map<Integer, CompletableFuture<JsonNode>> replies;
  private final Map<String, CompletableFuture<JsonNode>> events;
  private final AtomicInteger ids = new AtomicInteger();

  private DevTools(
      WebSocket socket,
      Map<Integer, CompletableFuture<JsonNode>> replies,
      Map<String, CompletableFuture<JsonNode>> events) {
    this.socket = socket;
    this.replies = replies;
    this.events = events;
  }

  static DevTools connect(URI endpoint) throws IOException {
    Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    Map<String, CompletableFuture<JsonNode>> events = new ConcurrentHashMap<>();
    try {
      WebSocket socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(endpoint, new Listener(replies, events))
              .get(30, TimeUnit.SECONDS);
      return new DevTools(socket, replies, events);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("could not connect to the browser at " + endpoint, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to " + endpoint, e);
    }
  }

  /** A new command's parameters, to fill in. */
  public static ObjectNode params() {
    return JSON.createObjectNode();
  }

  /**
   * Sends {@code method} to the target attached as {@code session} (null: the browser) and returns
   * its result.
   */
  public JsonNode send(String session, String method, ObjectNode params) throws IOException {
    int id = ids.incrementAndGet();
    ObjectNode command = JSON.createObjectNode();
    command.put("id", id);
    command.put("method", method);
    command.set("params", params);
    if (session != null) {
      command.put("sessionId", session);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    replies.put(id, reply);
    socket.sendText(JSON.writeValueAsString(command), true).join();
    JsonNode answer = await(reply, method);
    if (answer.has("error")) {
      throw new IOException(method + " failed: " + answer.get("error"));
    }
    return answer.path("result");
  }

  /** Arms a wait for the next event {@code method} of {@code session}; call before causing it. */
  public CompletableFuture<JsonNode> nextEvent(String session, String method) {
    CompletableFuture<JsonNode> event = new CompletableFuture<>();
    events.put((session == null ? "" : session) + " " + method, event);
    return event;
  }

  /** Waits for a reply or an event. */
  public static JsonNode await(CompletableFuture<JsonNode> future, String what) throws IOException {
    try {
      return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IOException("the browser did not answer " + what + " within " + TIMEOUT, e);
    } catch (ExecutionException e) {
      throw new IOException("the browser connection failed during " + what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + what, e);
    }
  }

  @Override
  public void close() {
    socket.abort();
  }

  /** Puts the messages' fragments together and hands each message to whoever waits for it. */
  private static final class Listener implements WebSocket.Listener {
    private final Map<Integer, CompletableFuture<JsonNode>> replies;
    private final Map<String, CompletableFuture<JsonNode>> events;
    private final StringBuilder message = new StringBuilder();

    Listener(
        Map<Integer, CompletableFuture<JsonNode>> replies,
        Map<String, CompletableFuture<JsonNode>> events) {
      this.replies = replies;
      this.events = events;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      message.append(data);
      if (last) {
        JsonNode node = JSON.readTree(message.toString());
        message.setLength(0);
        if (node.has("id")) {
          CompletableFuture<JsonNode> reply = replies.remove(node.get("id").asInt());
          if (reply != null) {
            reply.complete(node);
          }
        } else {
          CompletableFuture<JsonNode> event =
              events.remove(
                  node.path("sessionId").asString() + " " + node.path("method").asString());
          if (event != null) {
            event.complete(node.path("params"));
          }
        }
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
      fail(new IOException("the browser closed the connection: " + status + " " + reason));
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      fail(error);
    }

    private void fail(Throwable error) {
      replies.values().forEach(r -> r.completeExceptionally(error));
      events.values().forEach(e -> e.completeExceptionally(error));
    }
  }
}
