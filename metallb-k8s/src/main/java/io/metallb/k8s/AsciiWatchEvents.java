package io.metallb.k8s;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Makes the byte stream of every HTTP watch pure ASCII before fabric8 reads it: each non-ASCII character becomes its
 * JSON escape ({@code \u00e9}; a pair of them for a character beyond the Basic Multilingual Plane).
 *
 * <p>fabric8's HTTP watch (7.8) decodes each chunk of the stream on its own with {@code Charset.decode(...).array()}:
 * a character whose UTF-8 bytes a chunk boundary splits becomes two U+FFFD, and every multi-byte character adds a
 * NUL to the line (the array is as long as the chunk's bytes, longer than its characters), which then fails to
 * parse. A Service with a non-ASCII annotation value would break the watch. A JSON text has non-ASCII characters
 * only inside strings, where an escape means the same character, so the events read are the same objects.
 * Malformed UTF-8 becomes U+FFFD, as a decoder would make it.
 */
final class AsciiWatchEvents implements Interceptor {

    static final String NAME = "metallb-ascii-watch-events";

    @Override
    public AsyncBody.Consumer<List<ByteBuffer>> consumer(AsyncBody.Consumer<List<ByteBuffer>> consumer,
            HttpRequest request) {
        String query = request.uri().getRawQuery();
        if (query == null || !(query.contains("watch=true") || query.contains("watch=1"))) {
            return consumer;
        }
        Escaper escaper = new Escaper();
        return (chunks, body) -> consumer.consume(escaper.escape(chunks), body);
    }

    /** The escaping state of one stream: a character whose bytes are split across chunks is kept until complete. */
    static final class Escaper {
        private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        private int codePoint;
        /** Continuation bytes still expected for {@link #codePoint}. */
        private int expected;
        /** The smallest code point the current sequence may encode (overlong forms are malformed). */
        private int minimum;

        /** {@code chunks} with every non-ASCII character escaped; the same list when all of it is ASCII. */
        List<ByteBuffer> escape(List<ByteBuffer> chunks) {
            if (expected == 0 && chunks.stream().allMatch(Escaper::ascii)) {
                return chunks;
            }
            int size = 0;
            for (ByteBuffer chunk : chunks) {
                size += chunk.remaining();
            }
            // At most 12 bytes (two escapes) for a 4-byte character, 6 for 2 or 3 bytes.
            ByteBuffer out = ByteBuffer.allocate(size * 6 + 12);
            for (ByteBuffer chunk : chunks) {
                for (int i = chunk.position(); i < chunk.limit(); i++) {
                    put(out, chunk.get(i) & 0xff);
                }
            }
            return List.of(out.flip());
        }

        private void put(ByteBuffer out, int b) {
            if (expected > 0) {
                if ((b & 0xc0) == 0x80) {
                    codePoint = codePoint << 6 | b & 0x3f;
                    if (--expected == 0) {
                        boolean valid = codePoint >= minimum && codePoint <= Character.MAX_CODE_POINT
                                && !(codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
                        escape(out, valid ? codePoint : 0xfffd);
                    }
                    return;
                }
                // A sequence cut short: the bytes so far are one malformed character, and b starts afresh.
                expected = 0;
                escape(out, 0xfffd);
            }
            if (b < 0x80) {
                out.put((byte) b);
            } else if (b >= 0xc2 && b <= 0xdf) {
                start(b & 0x1f, 1, 0x80);
            } else if (b >= 0xe0 && b <= 0xef) {
                start(b & 0x0f, 2, 0x800);
            } else if (b >= 0xf0 && b <= 0xf4) {
                start(b & 0x07, 3, 0x10000);
            } else {
                escape(out, 0xfffd);
            }
        }

        private void start(int bits, int continuation, int smallest) {
            codePoint = bits;
            expected = continuation;
            minimum = smallest;
        }

        private static void escape(ByteBuffer out, int codePoint) {
            for (char c : Character.toChars(codePoint)) {
                out.put((byte) '\\').put((byte) 'u');
                for (int shift = 12; shift >= 0; shift -= 4) {
                    out.put(HEX[c >> shift & 0xf]);
                }
            }
        }

        private static boolean ascii(ByteBuffer chunk) {
            for (int i = chunk.position(); i < chunk.limit(); i++) {
                if (chunk.get(i) < 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
