package io.metallb.k8s;

import static io.metallb.k8s.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

    @Test
    void aKeyQueuedManyTimesWhileWaitingIsHandledOnce() throws Exception {
        List<String> handled = new CopyOnWriteArrayList<>();
        CountDownLatch blocker = new CountDownLatch(1);
        try (WorkQueue<String> q = new WorkQueue<>("test", k -> {
            if (k.equals("block")) {
                try {
                    blocker.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            handled.add(k);
        })) {
            q.add("block");
            for (int i = 0; i < 100; i++) {
                q.add("a");
                q.add("b");
            }
            blocker.countDown();
            await("a and b handled", () -> handled.size() == 3);
            CountDownLatch drained = new CountDownLatch(1);
            q.run(drained::countDown);
            assertThat(drained.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(handled).containsExactly("block", "a", "b");
        }
    }

    @Test
    void aFailingKeyIsRetriedWithBackoffUntilItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        List<String> done = new CopyOnWriteArrayList<>();
        try (WorkQueue<String> q = new WorkQueue<>("test", k -> {
            if (attempts.incrementAndGet() < 4) {
                throw new IllegalStateException("conflict " + attempts.get());
            }
            done.add(k);
        })) {
            q.add("svc");
            await("succeeded on the fourth attempt", () -> done.equals(List.of("svc")));
            assertThat(attempts).hasValue(4);
        }
    }
}
