package io.metallb.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * HTTP watch streams are read as the API server wrote them, whatever their characters and wherever the chunks
 * split them: the escaping alone, and fabric8's own HTTP watch through the lean client against a server that
 * splits a character across two chunks.
 */
class AsciiWatchEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One, two, three and four UTF-8 bytes a character, quotes and escapes among them. */
    private static final List<String> TEXTS = List.of("plain", "caf\u00e9", "\u20ac 5", "\ud83d\ude00!",
            "a\"\u00e9\\n\u20ac\ud83d\ude00 z", "\u65e5\u672c\u8a9e\u30c6\u30ad\u30b9\u30c8");

    @Test
    void everySplitOfTheBytesReadsBackAsTheSameText() throws Exception {
        for (String text : TEXTS) {
            byte[] json = JSON.writeValueAsBytes(Map.of("v", text));
            for (int i = 0; i <= json.length; i++) {
                for (int j = i; j <= json.length; j++) {
                    AsciiWatchEvents.Escaper escaper = new AsciiWatchEvents.Escaper();
                    ByteArrayOutputStream read = new ByteArrayOutputStream();
                    for (byte[] part : List.of(Arrays.copyOfRange(json, 0, i), Arrays.copyOfRange(json, i, j),
                            Arrays.copyOfRange(json, j, json.length))) {
                        for (ByteBuffer chunk : escaper.escape(List.of(ByteBuffer.wrap(part)))) {
                            byte[] bytes = new byte[chunk.remaining()];
                            chunk.get(bytes);
                            read.write(bytes);
                        }
                    }
                    byte[] ascii = read.toByteArray();
                    for (byte b : ascii) {
                        assertThat(b).as("%s split at %d and %d", text, i, j).isNotNegative();
                    }
                    assertThat(JSON.readTree(ascii).get("v").asText()).as("%s split at %d and %d", text, i, j)
                            .isEqualTo(text);
                }
            }
        }
    }

    @Test
    void asciiChunksAreHandedOnAsTheyAre() {
        List<ByteBuffer> chunks = List.of(ByteBuffer.wrap("{\"type\":".getBytes(StandardCharsets.US_ASCII)),
                ByteBuffer.wrap("\"ADDED\"}\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(new AsciiWatchEvents.Escaper().escape(chunks)).isSameAs(chunks);
    }

    @Test
    void malformedBytesBecomeReplacementCharacters() {
        // A stray continuation byte, a lead byte cut short by 'a', an overlong '/', a UTF-16 surrogate, 0xff.
        byte[] malformed = {(byte) 0x80, (byte) 0xc3, 'a', (byte) 0xc0, (byte) 0xaf, (byte) 0xe0, (byte) 0x80,
            (byte) 0xaf, (byte) 0xed, (byte) 0xa0, (byte) 0x80, (byte) 0xff, 'b'};
        ByteBuffer escaped = new AsciiWatchEvents.Escaper().escape(List.of(ByteBuffer.wrap(malformed))).get(0);
        assertThat(StandardCharsets.US_ASCII.decode(escaped).toString()).isEqualTo(
                "\\ufffd\\ufffda\\ufffd\\ufffd\\ufffd\\ufffd\\ufffdb");
    }

    @Test
    void fabric8sHttpWatchReadsACharacterSplitAcrossChunks() throws Exception {
        CountDownLatch firstRead = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        List<Service> seen = new CopyOnWriteArrayList<>();
        byte[] first = event("first", "plain").getBytes(StandardCharsets.UTF_8);
        byte[] second = event("second", "caf\u00e9 \ud83d\ude00").getBytes(StandardCharsets.UTF_8);
        // The stream is cut inside the four bytes of U+1F600 (F0 9F 98 80).
        int lead = 0;
        while (second[lead] != (byte) 0xf0) {
            lead++;
        }
        int cut = lead + 2;
        List<Integer> served = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/api/v1/namespaces/a/services", exchange -> {
            served.add(served.size());
            if (served.size() > 1 || !exchange.getRequestURI().getQuery().contains("watch=true")) {
                // Only the first watch is served: a reconnect (after a failure) waits for the test's end.
                await(done, exchange);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.write(first);
            head.write(second, 0, cut);
            body.write(head.toByteArray());
            body.flush();
            // The rest only once the first event is read: the character is split across two reads for certain.
            await(firstRead, exchange);
            body.write(second, cut, second.length - cut);
            body.flush();
            await(done, exchange);
            exchange.close();
        });
        server.start();
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:"
                + server.getAddress().getPort() + "/").withOnlyHttpWatches(true).build();
        List<String> failures = new ArrayList<>();
        try (KubernetesClient client = KubernetesClients.client(config);
                Watch watch = client.services().inNamespace("a").watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, Service service) {
                        seen.add(service);
                        firstRead.countDown();
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        failures.add(String.valueOf(cause));
                    }
                })) {
            Fixtures.await("both events", () -> seen.size() == 2 || !failures.isEmpty());
            assertThat(failures).isEmpty();
            assertThat(seen).extracting(s -> s.getMetadata().getAnnotations().get("note"))
                    .containsExactly("plain", "caf\u00e9 \ud83d\ude00");
            assertThat(served).hasSize(1);
        } finally {
            done.countDown();
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private static String event(String name, String note) throws IOException {
        return JSON.writeValueAsString(Map.of("type", "ADDED", "object", Map.of("apiVersion", "v1", "kind",
                "Service", "metadata", Map.of("name", name, "namespace", "a", "resourceVersion", "1",
                        "annotations", Map.of("note", note))))) + "\n";
    }

    private static void await(CountDownLatch latch, HttpExchange exchange) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                exchange.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
