package io.metallb.distribution.command;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * fabric8's mock API server as a real one is reached: over TLS that offers HTTP/2 by ALPN, with watches served as
 * streamed responses of newline-delimited JSON events (client-go's and kubectl's watch, and the controller's and
 * speaker's). The mock itself speaks HTTP/1.1 only (it offers no ALPN) and serves watches over WebSockets only, one
 * connection each. This front forwards every other request to the mock unchanged, and serves each watch from a
 * WebSocket watch of its own to the mock, writing every event as one line. It presents the mock's certificate, so
 * the mock's CA file is the front's too.
 */
final class StreamingApiServer implements AutoCloseable {

    /** {@code watch=true} or {@code watch=1} in a query. */
    private static final Pattern WATCH = Pattern.compile("[?&]watch=(true|1)(&|$)");

    /** The request headers the mock reads; hop-by-hop headers of HTTP/1.1 are not valid in HTTP/2 and stay out. */
    private static final List<String> FORWARDED = List.of("Content-Type", "Accept", "Authorization", "User-Agent");

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final HttpClient toMock;
    private final WebSocketClient watchesToMock;
    private final AtomicInteger watches = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger http2Requests = new AtomicInteger();
    private final AtomicInteger events = new AtomicInteger();

    private StreamingApiServer(KubernetesMockServer mock) {
        SelfSignedCertificate certificate = mock.getSelfSignedCertificate();
        int mockPort = mock.getPort();
        toMock = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false)
                .setDefaultHost("127.0.0.1").setDefaultPort(mockPort).setMaxPoolSize(16)
                .setProtocolVersion(HttpVersion.HTTP_1_1));
        watchesToMock = vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true).setTrustAll(true)
                .setVerifyHost(false).setDefaultHost("127.0.0.1").setDefaultPort(mockPort));
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
                .setUseAlpn(true).setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
                .setKeyCertOptions(certificate.keyCertOptions()));
        server.connectionHandler(connection -> connections.incrementAndGet());
        server.requestHandler(this::handle);
        await(server.listen());
    }

    /** A front for {@code mock} (HTTPS), listening on an ephemeral port of 127.0.0.1. */
    static StreamingApiServer of(KubernetesMockServer mock) {
        return new StreamingApiServer(mock);
    }

    /** The URL clients use, {@code https://127.0.0.1:PORT/}. */
    String url() {
        return "https://127.0.0.1:" + server.actualPort() + "/";
    }

    /** Watches served since the start. */
    int watches() {
        return watches.get();
    }

    /** Connections accepted since the start, over any protocol. */
    int connections() {
        return connections.get();
    }

    /** Requests served since the start, over any protocol. */
    int requests() {
        return requests.get();
    }

    /** Requests served over HTTP/2 since the start. */
    int http2Requests() {
        return http2Requests.get();
    }

    /** What this front served: connections, requests (how many over HTTP/2) and watches. */
    @Override
    public String toString() {
        return String.format("%d connections, %d requests (%d over HTTP/2), %d watches, %d events", connections(),
                requests(), http2Requests(), watches(), events.get());
    }

    private void handle(HttpServerRequest request) {
        requests.incrementAndGet();
        if (request.version() == HttpVersion.HTTP_2) {
            http2Requests.incrementAndGet();
        }
        if (WATCH.matcher(request.uri()).find()) {
            watch(request);
        } else {
            forward(request);
        }
    }

    private void forward(HttpServerRequest request) {
        RequestOptions options = new RequestOptions().setMethod(request.method()).setURI(request.uri());
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        FORWARDED.forEach(name -> {
            if (request.headers().contains(name)) {
                headers.add(name, request.headers().getAll(name));
            }
        });
        options.setHeaders(headers);
        HttpServerResponse response = request.response();
        request.body()
                .compose(body -> toMock.request(options).compose(mockRequest -> mockRequest.send(body)))
                .compose(mockResponse -> mockResponse.body().map(body -> {
                    response.setStatusCode(mockResponse.statusCode());
                    String type = mockResponse.getHeader("Content-Type");
                    if (type != null) {
                        response.putHeader("Content-Type", type);
                    }
                    return body;
                }))
                .onSuccess(response::end)
                .onFailure(failure -> fail(response, failure));
    }

    /**
     * The watch as a streamed 200 response, one JSON event a line, from a WebSocket watch of the same URI to the
     * mock; it ends when either side closes.
     */
    private void watch(HttpServerRequest request) {
        watches.incrementAndGet();
        HttpServerResponse response = request.response();
        request.pause();
        watchesToMock.connect(new WebSocketConnectOptions().setURI(request.uri())).onSuccess(socket -> {
            response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/json");
            response.writeHead();
            socket.textMessageHandler(event -> {
                if (!response.closed() && !response.ended()) {
                    events.incrementAndGet();
                    response.write(event + "\n");
                }
            });
            socket.closeHandler(closed -> {
                if (!response.closed() && !response.ended()) {
                    response.end();
                }
            });
            response.closeHandler(closed -> socket.close());
            request.resume();
        }).onFailure(failure -> fail(response, failure));
    }

    private static void fail(HttpServerResponse response, Throwable failure) {
        if (!response.headWritten() && !response.closed()) {
            response.setStatusCode(502).end(Buffer.buffer("the mock API server: " + failure));
        } else if (!response.closed()) {
            response.reset();
        }
    }

    @Override
    public void close() {
        await(server.close());
        await(vertx.close());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the streaming API server front", e);
        }
    }
}
