package io.metallb.bgp.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * NOTIFICATION (RFC 4271 §4.5): error code, subcode and data. For Cease / Administrative Shutdown or Reset the
 * data may be a shutdown communication (RFC 8203, lengthened to 255 octets by RFC 9003): a length octet and
 * UTF-8 text.
 */
public record Notification(int code, int subcode, Bytes data) implements BgpMessage {
    /** RFC 9003 §2: at most 255 octets of text. */
    public static final int MAX_SHUTDOWN_COMMUNICATION = 255;

    public Notification {
        if ((code & ~0xFF) != 0 || (subcode & ~0xFF) != 0) {
            throw new IllegalArgumentException("code/subcode: " + code + "/" + subcode + " (expected: 8-bit)");
        }
        Objects.requireNonNull(data, "data");
    }

    /** A Cease with a shutdown communication, the text cut to 255 UTF-8 octets on a character boundary. */
    public static Notification cease(int subcode, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(utf8.length, MAX_SHUTDOWN_COMMUNICATION);
        while (n > 0 && n < utf8.length && (utf8[n] & 0xC0) == 0x80) {
            n--; // never cut inside a multi-byte character
        }
        byte[] data = new byte[n + 1];
        data[0] = (byte) n;
        System.arraycopy(utf8, 0, data, 1, n);
        return new Notification(ErrorCodes.CEASE, subcode, n == 0 ? Bytes.EMPTY : Bytes.of(data));
    }

    /** The RFC 8203 shutdown communication, when this is such a Cease and its data is well-formed UTF-8. */
    public Optional<String> shutdownCommunication() {
        boolean shutdown = code == ErrorCodes.CEASE
                && (subcode == ErrorCodes.ADMINISTRATIVE_SHUTDOWN || subcode == ErrorCodes.ADMINISTRATIVE_RESET);
        if (!shutdown || data.length() == 0 || data.get(0) != data.length() - 1) {
            return Optional.empty();
        }
        byte[] all = data.toArray();
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Arrays.copyOfRange(all, 1, all.length))).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty(); // RFC 8203 §4: invalid UTF-8 is not shown as text
        }
    }

    @Override
    public int type() {
        return NOTIFICATION;
    }

    @Override
    public String toString() {
        return "Notification[" + ErrorCodes.describe(code, subcode) + " " + shutdownCommunication()
                .map(s -> "\"" + s + "\"").orElse(data.toString()) + "]";
    }
}
