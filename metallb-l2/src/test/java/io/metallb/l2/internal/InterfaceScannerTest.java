package io.metallb.l2.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterfaceScannerTest {

    @TempDir
    Path dir;

    @Test
    void keepsUpBroadcastArpInterfacesThatAreNotEnslaved() throws IOException {
        FakeSysClassNet.standard(dir);
        assertThat(new InterfaceScanner(dir, List.of()).scan()).containsExactly("eth0", "eth1", "excl0");
    }

    @Test
    void exclusionPatternsMatchWholeNames() throws IOException {
        FakeSysClassNet.standard(dir);
        assertThat(new InterfaceScanner(dir, InterfaceScanner.patterns("excl.*, eth")).scan())
                .containsExactly("eth0", "eth1");
    }
}
