// The HTTP plumbing both stand-ins (Telegram, Gemini) share: a loopback JDK server with a small
// thread pool, and writing a JSON reply. The JDK server leaves Nagle's algorithm on unless told
// otherwise (sun.net.httpserver.nodelay): it writes a reply's headers and body separately, so the
// body waited for the client's delayed ACK, adding ~40 ms to every "instant" answer, which no real
// API server does. It is switched off here, before the first server exists.
package app.botfactory.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

final class StandInHttp {

    static {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private StandInHttp() { }

    /** Listens on 127.0.0.1:`port` (0 = any free port) and serves every path with `handler`. */
    static HttpServer listen(String name, int port, HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
            server.createContext("/", handler);
            server.setExecutor(Executors.newFixedThreadPool(16));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the " + name + " stand-in", e);
        }
    }

    static void respondJson(HttpExchange exchange, int status, String body, String contentType) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
