package org.stylepipe.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium ({@code /usr/bin/chromium}), driven over the DevTools protocol with
 * the JDK's WebSocket client and Jackson: opens a page, collects console errors, uncaught
 * exceptions and error log entries, evaluates JavaScript and takes full-page screenshots. Each
 * instance runs its own browser with a fresh profile; not thread-safe.
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final long TIMEOUT_SECONDS = 60;
  private static final int VIEWPORT_WIDTH = 1280;
  private static final int VIEWPORT_HEIGHT = 900;

  private final ObjectMapper json = new ObjectMapper();
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final Process process;
  private final Path profile;
  private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();
  private WebSocket socket;
  private String session;

  private HeadlessChromium(Process process, Path profile) {
    this.process = process;
    this.profile = profile;
  }

  /** Starts a browser with one blank page, its console and log watched. */
  public static HeadlessChromium start() throws Exception {
    Requirements.require(
        Files.isExecutable(BINARY), BINARY + " is not installed (apt-get install -y chromium)");
    Path profile = Files.createTempDirectory("chromium-profile-");
    Process process =
        new ProcessBuilder(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--remote-debugging-port=0",
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile())
            .start();
    HeadlessChromium browser = new HeadlessChromium(process, profile);
    try {
      browser.connect();
      return browser;
    } catch (Exception e) {
      browser.close();
      throw e;
    }
  }

  /** Opens {@code url} and waits for its load event; problems reported before are forgotten. */
  public void open(URI url) throws Exception {
    problems.clear();
    loaded = new CompletableFuture<>();
    JsonNode navigated = page("Page.navigate", json.createObjectNode().put("url", url.toString()));
    if (navigated.hasNonNull("errorText")) {
      throw new IOException(
          "Cannot open " + url + " in Chromium: " + navigated.get("errorText").asText());
    }
    loaded.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * Console errors, uncaught exceptions and error log entries (blocked or failed loads) of the open
   * page.
   */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** The value of a JavaScript expression on the open page (JSON-serializable values only). */
  public JsonNode evaluate(String expression) throws Exception {
    JsonNode reply =
        page(
            "Runtime.evaluate",
            json.createObjectNode().put("expression", expression).put("returnByValue", true));
    if (reply.has("exceptionDetails")) {
      throw new IllegalStateException(
          "Cannot evaluate " + expression + ": " + reply.get("exceptionDetails"));
    }
    return reply.path("result").path("value");
  }

  /**
   * Descriptions (alt text, else the start of the address) of the images that did not load or have
   * no pixels.
   */
  public List<String> brokenImages() throws Exception {
    List<String> broken = new ArrayList<>();
    evaluate(
            "Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0)"
                + ".map(i => i.alt || i.src.slice(0, 80))")
        .forEach(node -> broken.add(node.asText()));
    return broken;
  }

  /** A PNG screenshot of the whole page, beyond the viewport, written to {@code file}. */
  public Path screenshot(Path file) throws Exception {
    JsonNode size = page("Page.getLayoutMetrics", json.createObjectNode()).path("cssContentSize");
    ObjectNode clip =
        json.createObjectNode()
            .put("x", 0)
            .put("y", 0)
            .put("scale", 1)
            .put("width", Math.max(VIEWPORT_WIDTH, size.path("width").asDouble()))
            .put("height", Math.max(1, size.path("height").asDouble()));
    ObjectNode params =
        json.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
    params.set("clip", clip);
    byte[] png =
        Base64.getDecoder().decode(page("Page.captureScreenshot", params).path("data").asText());
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.write(file, png);
  }

  private void connect() throws Exception {
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    List<String> lines = List.of();
    while (lines.size() < 2) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IOException(
            "Cannot start "
                + BINARY
                + ": no DevTools port after "
                + TIMEOUT_SECONDS
                + " s (log: "
                + profile.resolveSibling(profile.getFileName() + ".log")
                + ")");
      }
      Thread.sleep(100);
      lines = Files.exists(portFile) ? Files.readAllLines(portFile) : List.of();
    }
    URI endpoint = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
    socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(endpoint, new Listener())
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    String target =
        command(null, "Target.createTarget", json.createObjectNode().put("url", "about:blank"))
            .path("targetId")
            .asText();
    session =
        command(
                null,
                "Target.attachToTarget",
                json.createObjectNode().put("targetId", target).put("flatten", true))
            .path("sessionId")
            .asText();
    for (String domain : List.of("Runtime", "Log", "Page")) {
      page(domain + ".enable", json.createObjectNode());
    }
    page(
        "Emulation.setDeviceMetricsOverride",
        json.createObjectNode()
            .put("width", VIEWPORT_WIDTH)
            .put("height", VIEWPORT_HEIGHT)
            .put("deviceScaleFactor", 1)
            .put("mobile", false));
  }

  private JsonNode page(String method, ObjectNode params) throws Exception {
    return command(session, method, params);
  }

  /**
   * Sends a command (to the page's session, or the browser for a null session) and waits for its
   * result.
   */
  private JsonNode command(String sessionId, String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode message = json.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    replies.put(id, reply);
    socket.sendText(json.writeValueAsString(message), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    JsonNode answer = reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (answer.has("error")) {
      throw new IOException("Chromium refused " + method + ": " + answer.get("error"));
    }
    return answer.path("result");
  }

  private void receive(JsonNode message) {
    if (message.has("id")) {
      CompletableFuture<JsonNode> reply = replies.remove(message.get("id").asInt());
      if (reply != null) {
        reply.complete(message);
      }
      return;
    }
    JsonNode params = message.path("params");
    switch (message.path("method").asText()) {
      case "Page.loadEventFired" -> loaded.complete(null);
      case "Runtime.exceptionThrown" ->
          problems.add("exception: " + params.path("exceptionDetails"));
      case "Runtime.consoleAPICalled" -> {
        String type = params.path("type").asText();
        if (type.equals("error") || type.equals("assert")) {
          problems.add("console." + type + ": " + params.path("args"));
        }
      }
      case "Log.entryAdded" -> {
        JsonNode entry = params.path("entry");
        if (entry.path("level").asText().equals("error")) {
          problems.add(
              "log: "
                  + entry.path("source").asText()
                  + ": "
                  + entry.path("text").asText()
                  + " "
                  + entry.path("url").asText());
        }
      }
      default -> {}
    }
  }

  /** Joins message fragments and hands each whole message to {@link #receive}. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          receive(json.readTree(text.toString()));
        } catch (IOException e) {
          problems.add("unreadable DevTools message: " + e.getMessage());
        }
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }

  /** Ends the browser and its helper processes and removes the profile. */
  @Override
  public void close() throws IOException {
    if (socket != null) {
      socket.abort();
    }
    List<ProcessHandle> helpers = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    helpers.forEach(ProcessHandle::destroy);
    try (Stream<Path> files = Files.walk(profile)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // The profile is under target/; a leftover costs nothing.
    }
  }
}
