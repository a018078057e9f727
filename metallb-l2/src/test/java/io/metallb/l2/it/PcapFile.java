package io.metallb.l2.it;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the frames of a classic libpcap file (as tcpdump -w writes them). */
final class PcapFile {

    private PcapFile() {
    }

    static List<byte[]> frames(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        List<byte[]> out = new ArrayList<>();
        if (b.remaining() < 24) {
            return out;
        }
        int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        b.order(magic == 0xa1b2c3d4 || magic == 0xa1b23c4d ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int i = 24;
        while (i + 16 <= b.limit()) {
            int caplen = b.getInt(i + 8);
            if (caplen < 0 || i + 16 + caplen > b.limit()) {
                break; // a record cut short when tcpdump stopped
            }
            out.add(Arrays.copyOfRange(b.array(), i + 16, i + 16 + caplen));
            i += 16 + caplen;
        }
        return out;
    }
}
