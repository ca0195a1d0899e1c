package io.crdtkit.site;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Serves the built site from 127.0.0.1 on a free port, as a static web server would: files under the root, a
 * directory's index.html, 404 for anything else (and for any path leaving the root). The JDK's own HTTP server: a
 * browser test needs nothing more.
 */
final class SiteServer implements AutoCloseable {

  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8",
      "svg", "image/svg+xml", "png", "image/png", "json", "application/json", "txt", "text/plain; charset=utf-8",
      "zip", "application/zip");

  private final Path root;
  private final HttpServer server;

  private SiteServer(Path root, HttpServer server) {
    this.root = root;
    this.server = server;
  }

  static SiteServer start(Path root) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    SiteServer site = new SiteServer(root.toAbsolutePath().normalize(), server);
    server.createContext("/", site::serve);
    server.start();
    return site;
  }

  /** The URL of a page of the site, e.g. {@code pick-a-type.html}. */
  String address(String page) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + page;
  }

  /** What the server answers to a HEAD request for an address: 200, 404, or -1 when it cannot be asked. */
  int status(String address) {
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create(address).toURL().openConnection();
      connection.setRequestMethod("HEAD");
      try {
        return connection.getResponseCode();
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return -1;
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
      if (Files.isDirectory(file)) {
        file = file.resolve("index.html");
      }
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String name = file.getFileName().toString();
      String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
      exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"));
      byte[] body = Files.readAllBytes(file);
      exchange.sendResponseHeaders(200, head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
