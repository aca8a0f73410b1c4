package org.certbulletin.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.certbulletin.files.JsonMapping;
import org.certbulletin.http.ApiServer;
import org.certbulletin.http.Listen;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.service.Application;
import org.certbulletin.service.Workspace;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code buildWeek} followed by {@code getEdition} (the English PDF) of one week over HTTP, on a
 * warm server started in this JVM on a copy of the data folder, with the editions cache defeated:
 * before each round the client changes the week through {@code putWeek} (with {@code If-Match}),
 * giving {@code /tallies/phishing_pages/value} a value no round had before, so the digest of the
 * inputs (the editions cache's key) is new and both requests really render. The {@code putWeek} is
 * not in the timed part of a round; it is in the rounds per second of the concurrent clients.
 */
final class ApiLoad {

  /** How long and how hard to load the server. */
  record Plan(int warmUpRounds, int rounds, Duration concurrent, int clients) {}

  /** What a load measured. */
  record Result(
      List<Double> roundMs,
      List<Double> roundCpuMs,
      List<Double> putMs,
      double concurrentCpuMsPerRound,
      double roundsPerSecond,
      int concurrentRounds,
      int cachedPdfs,
      int busyPuts,
      int busyBuilds,
      int conflicts,
      List<String> errors) {}

  /** The CPU time of this process (the server's threads, its garbage collector and the JIT too). */
  private static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private static final String PASSWORD = "benchmark password, long enough";

  private final URI base;
  private final String week;
  private final String bearer;
  private final ObjectNode weekTree;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final AtomicLong variant = new AtomicLong();
  // the sequential rounds' CPU time, read by the one client thread that wrote it
  private double lastRoundCpuMs;
  private final Set<String> pdfTags = ConcurrentHashMap.newKeySet();
  private final AtomicInteger cachedPdfs = new AtomicInteger();
  private final AtomicInteger busyPuts = new AtomicInteger();
  private final AtomicInteger busyBuilds = new AtomicInteger();
  private final AtomicInteger conflicts = new AtomicInteger();
  private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

  private ApiLoad(URI base, String week, String bearer, ObjectNode weekTree) {
    this.base = base;
    this.week = week;
    this.bearer = bearer;
    this.weekTree = weekTree;
  }

  /**
   * Copies {@code data} to a scratch folder, starts the server on it (an analyst and a token made
   * through the access service), loads it as {@code plan} says and stops it.
   */
  static Result run(Path data, Path templates, String week, Plan plan)
      throws IOException, InterruptedException {
    Path scratch = Files.createTempDirectory("cert-bulletin-api");
    Path copy = scratch.resolve("data");
    DataFolders.copy(data, copy);
    ObjectNode tree =
        (ObjectNode)
            JsonMapping.mapper().readTree(copy.resolve("weeks/" + week + ".json").toFile());
    Workspace workspace = new Workspace(copy, templates, scratch.resolve("out"));
    try (Application application = Application.open(workspace, Map.of(), Clock.systemUTC())) {
      Principal setup = Principal.system("benchmark");
      application
          .access()
          .addUser(
              setup, "benchmark", "analyst", Set.of(Role.ANALYST), Tlp.RED, PASSWORD.toCharArray());
      String token =
          application
              .access()
              .createToken(setup, "benchmark", "load", "analyst", Optional.empty())
              .secret();
      ApiServer server = ApiServer.start(new Listen("127.0.0.1", 0), application);
      try {
        return new ApiLoad(URI.create(server.address()), week, "Bearer " + token, tree).load(plan);
      } finally {
        server.close();
      }
    }
  }

  private Result load(Plan plan) throws InterruptedException {
    String etag = currentTag();
    for (int i = 0; i < plan.warmUpRounds(); i++) {
      etag = round(etag, null, null);
    }
    List<Double> rounds = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    List<Double> puts = new ArrayList<>();
    for (int i = 0; i < plan.rounds(); i++) {
      etag = round(etag, rounds, puts);
      cpu.add(lastRoundCpuMs);
    }
    int sequentialErrors = errors.size();
    AtomicInteger done = new AtomicInteger();
    long cpuBegin = PROCESS.getProcessCpuTime();
    long begin = System.nanoTime();
    long end = begin + plan.concurrent().toNanos();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < plan.clients(); c++) {
      Thread thread =
          new Thread(
              () -> {
                String tag = currentTag();
                while (System.nanoTime() < end) {
                  int before = errors.size();
                  tag = round(tag, null, null);
                  if (errors.size() == before) {
                    done.incrementAndGet();
                  }
                }
              },
              "api-client-" + c);
      thread.start();
      clients.add(thread);
    }
    for (Thread thread : clients) {
      thread.join();
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    double cpuMs = (PROCESS.getProcessCpuTime() - cpuBegin) / 1e6;
    if (errors.size() > sequentialErrors) {
      Figures.progress("api: " + (errors.size() - sequentialErrors) + " concurrent rounds failed");
    }
    return new Result(
        rounds,
        cpu,
        puts,
        cpuMs / Math.max(1, done.get()),
        done.get() / seconds,
        done.get(),
        cachedPdfs.get(),
        busyPuts.get(),
        busyBuilds.get(),
        conflicts.get(),
        List.copyOf(errors));
  }

  /**
   * One round: a new variant of the week (retried with the current tag after a 412), then {@code
   * buildWeek} and {@code getEdition}, each retried after a 503 (another build was writing the
   * week's folder; counted as a busy build), timed together into {@code rounds} when it is given.
   *
   * @return the week's tag after this round's change
   */
  private String round(String etag, List<Double> rounds, List<Double> puts) {
    try {
      long putStart = System.nanoTime();
      String tag = put(etag);
      long start = System.nanoTime();
      long cpuStart = PROCESS.getProcessCpuTime();
      HttpResponse<byte[]> built = retryingBusy(post("/api/weeks/" + week + "/build"));
      if (built.statusCode() != 200) {
        return fail("buildWeek", built, tag);
      }
      HttpResponse<byte[]> pdf =
          retryingBusy(get("/api/weeks/" + week + "/editions/en/pdf").build());
      long end = System.nanoTime();
      lastRoundCpuMs = (PROCESS.getProcessCpuTime() - cpuStart) / 1e6;
      if (pdf.statusCode() != 200 || !startsWithPdf(pdf.body())) {
        return fail("getEdition", pdf, tag);
      }
      if (!pdfTags.add(pdf.headers().firstValue("ETag").orElse(""))) {
        cachedPdfs.incrementAndGet(); // another client's change was read (and rendered) already
      }
      if (rounds != null) {
        rounds.add((end - start) / 1e6);
        puts.add((start - putStart) / 1e6);
      }
      return tag;
    } catch (IOException e) {
      errors.add(e.toString());
      return currentTag();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Sends a new variant of the week with {@code If-Match}; returns its new tag. */
  private String put(String etag) throws IOException, InterruptedException {
    String tag = etag;
    for (int attempt = 0; attempt < 100; attempt++) {
      HttpResponse<byte[]> response =
          send(
              request("/api/weeks/" + week)
                  .header("Content-Type", "application/json")
                  .header("If-Match", tag)
                  .PUT(HttpRequest.BodyPublishers.ofByteArray(variant()))
                  .build());
      if (response.statusCode() == 200) {
        return response.headers().firstValue("ETag").orElseThrow();
      }
      if (response.statusCode() == 412) {
        conflicts.incrementAndGet();
        tag = currentTag();
      } else if (response.statusCode() == 503) {
        busyPuts.incrementAndGet();
        backOff();
      } else {
        throw new IOException("putWeek answered " + describe(response));
      }
    }
    throw new IOException("putWeek: 100 attempts were refused (412 or 503)");
  }

  private byte[] variant() {
    ObjectNode tree = weekTree.deepCopy();
    ObjectNode tally = (ObjectNode) tree.path("tallies").path("phishing_pages");
    tally.put("value", 100_000 + variant.incrementAndGet());
    return JsonMapping.mapper().writeValueAsBytes(tree);
  }

  private HttpResponse<byte[]> retryingBusy(HttpRequest request)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> response = send(request);
    for (int attempt = 0; attempt < 100 && response.statusCode() == 503; attempt++) {
      busyBuilds.incrementAndGet();
      backOff();
      response = send(request);
    }
    return response;
  }

  /** A moment for the other client's write to finish (the server says 5 s; that is for people). */
  private static void backOff() throws InterruptedException {
    Thread.sleep(5);
  }

  private String currentTag() {
    try {
      HttpResponse<byte[]> response = send(get("/api/weeks/" + week).build());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("getWeek answered " + describe(response));
      }
      return response.headers().firstValue("ETag").orElseThrow();
    } catch (IOException e) {
      throw new IllegalStateException("getWeek failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private String fail(String operation, HttpResponse<byte[]> response, String tag) {
    errors.add(operation + " answered " + describe(response));
    return tag;
  }

  private static String describe(HttpResponse<byte[]> response) {
    String body = new String(response.body(), StandardCharsets.UTF_8);
    return response.statusCode() + " " + body.substring(0, Math.min(300, body.length()));
  }

  private static boolean startsWithPdf(byte[] body) {
    return body.length > 4 && new String(body, 0, 4, StandardCharsets.US_ASCII).equals("%PDF");
  }

  private HttpRequest post(String path) {
    return request(path).POST(HttpRequest.BodyPublishers.noBody()).build();
  }

  private HttpRequest.Builder get(String path) {
    return request(path).GET();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofMinutes(2))
        .header("Authorization", bearer);
  }

  private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }
}
