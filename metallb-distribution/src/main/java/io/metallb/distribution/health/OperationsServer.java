package io.metallb.distribution.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.metallb.distribution.metrics.MetalLbMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * One HTTP port for operations, as MetalLB serves them: {@code /metrics} (Prometheus text format),
 * {@code /healthz} (200 while the process runs: the liveness probe) and {@code /readyz} (200 once the component is
 * ready, else 503: the readiness probe). The JDK's own HTTP server: three fixed GET routes need no framework.
 */
public final class OperationsServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(OperationsServer.class.getName());

    private final HttpServer server;
    private final ExecutorService executor;

    private OperationsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds {@code address} (port 0: any free port) and starts serving.
     *
     * @param ready what {@code /readyz} reports
     */
    public static OperationsServer start(InetSocketAddress address, MetalLbMetrics metrics, BooleanSupplier ready)
            throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        server.createContext("/metrics", ex -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            metrics.write(body);
            respond(ex, 200, MetalLbMetrics.contentType(), body.toByteArray());
        });
        server.createContext("/healthz", ex -> respond(ex, 200, "text/plain; charset=utf-8", bytes("ok\n")));
        server.createContext("/readyz", ex -> {
            boolean ok = ready.getAsBoolean();
            respond(ex, ok ? 200 : 503, "text/plain; charset=utf-8", bytes(ok ? "ready\n" : "not ready\n"));
        });
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "metallb-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        OperationsServer ops = new OperationsServer(server, executor);
        LOG.log(System.Logger.Level.INFO, "serving /metrics, /healthz and /readyz on http://"
                + hostPort(ops.address()));
        return ops;
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            // An exact route only: /metricsfoo is not /metrics.
            String path = ex.getRequestURI().getPath();
            if (!path.equals(ex.getHttpContext().getPath())) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", contentType);
            boolean head = "HEAD".equals(ex.getRequestMethod());
            ex.sendResponseHeaders(status, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** The bound address (with the port chosen when 0 was asked). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
