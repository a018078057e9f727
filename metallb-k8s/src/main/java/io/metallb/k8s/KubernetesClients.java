package io.metallb.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.internal.CertUtils;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientImpl;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * fabric8 clients for the controller and the speaker, with a serialization that knows only the kinds they read.
 *
 * <p>fabric8's default serialization, the first time it reads a watch event (whose object may be of any kind),
 * loads every class listed as a {@code KubernetesResource} service by every model jar on the module path, to map
 * kind to class: about 340 kinds; with their specs and statuses, about 950 of the 6,700 classes a speaker loaded
 * (docs/benchmarks.md), for kinds it never watches. This one maps the kinds {@code metallb-k8s} reads with typed
 * informers; an event of any other kind is read as a {@code GenericKubernetesResource}, and fabric8 converts it to
 * the watched type if it must.
 *
 * <p>Their TLS trusts the cluster's CA alone, when the configuration gives one (a Pod's service account does).
 */
public final class KubernetesClients {

    /** The typed kinds the controller and the speaker list and watch (the others are read generically). */
    static final List<Class<? extends KubernetesResource>> KINDS = List.of(Service.class, EndpointSlice.class,
            Secret.class, ConfigMap.class, Namespace.class, Lease.class, Event.class);

    /** How long an idle thread of the clients' pools is kept. */
    static final long IDLE_THREAD_SECONDS = 5;

    private KubernetesClients() {
    }

    /** A serialization that maps {@link #KINDS} only, and does not scan the module path for more. */
    public static KubernetesSerialization serialization() {
        KubernetesSerialization serialization = new KubernetesSerialization(new ObjectMapper(), false);
        KINDS.forEach(serialization::registerKubernetesResource);
        return serialization;
    }

    /**
     * A client for {@code config} with {@link #serialization()}, whose TLS trusts only the cluster's CA when
     * {@code config} gives one ({@link ClusterCaHttpClientFactory}).
     */
    public static KubernetesClient client(Config config) {
        return new KubernetesClientBuilder().withConfig(config).withKubernetesSerialization(serialization())
                .withHttpClientFactory(new ClusterCaHttpClientFactory())
                .withTaskExecutorSupplier(new KubernetesClientBuilder.ExecutorSupplier() {
                    @Override
                    public Executor get() {
                        return cachedPool("fabric8-task");
                    }

                    @Override
                    public void onClose(Executor executor) {
                        ((ExecutorService) executor).shutdownNow();
                    }
                }).build();
    }

    /**
     * An unbounded pool whose idle threads end after {@link #IDLE_THREAD_SECONDS}: what fabric8 gives its task
     * executor and the JDK HTTP client ({@code Executors.newCachedThreadPool}), but that keeps idle threads 60 s.
     * The start's 12 lists and 12 WebSocket upgrades grow the HTTP client's pool to 11-16 threads that the speaker
     * then no longer needs.
     */
    static ThreadPoolExecutor cachedPool(String name) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Trust managers that trust the CA certificates {@code config} gives (its CA data, or else its CA file) and
     * nothing else; empty when it gives none, trusts every certificate, or names a trust store of its own.
     */
    static Optional<TrustManager[]> clusterCaTrust(Config config) throws IOException, GeneralSecurityException {
        boolean ca = notEmpty(config.getCaCertData()) || notEmpty(config.getCaCertFile());
        if (!ca || config.isTrustCerts() || notEmpty(config.getTrustStoreFile())) {
            return Optional.empty();
        }
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        // fabric8's own reading of the data (base64) or file, so that both read the same certificates.
        try (InputStream pem = CertUtils.getInputStreamFromDataOrFile(config.getCaCertData(),
                config.getCaCertFile())) {
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                anchors.setCertificateEntry("cluster-ca-" + i++, certificate);
            }
        }
        if (anchors.size() == 0) {
            throw new CertificateException("no CA certificate in " + (config.getCaCertData() != null
                    ? "the configured CA data" : config.getCaCertFile()));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        return Optional.of(factory.getTrustManagers());
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    /**
     * fabric8's JDK HTTP client whose TLS trusts only the cluster's CA when the configuration gives one, as
     * client-go does. fabric8 itself adds that CA to the JDK's trust store ({@code CertUtils.createTrustStore}):
     * at every start it loads the hundred-odd public CAs of lib/security/cacerts, about 0.13 s of a cold JVM
     * (docs/benchmarks.md), and it then accepts for the API server any certificate one of them signed. Its HTTP
     * watches read pure ASCII ({@link AsciiWatchEvents}).
     */
    static final class ClusterCaHttpClientFactory extends JdkHttpClientFactory {
        /** The executors of the HTTP clients this factory made: one per client, its derived clients share it. */
        final List<ExecutorService> executors = new CopyOnWriteArrayList<>();

        @Override
        protected java.net.http.HttpClient.Builder createNewHttpClientBuilder() {
            ThreadPoolExecutor executor = cachedPool("http-client");
            executors.add(executor);
            return java.net.http.HttpClient.newBuilder().executor(executor);
        }

        @Override
        protected void closeHttpClient(JdkHttpClientImpl client) {
            // As fabric8's own factory does when the client (or one derived from it, sharing its state) closes.
            executors.forEach(ExecutorService::shutdownNow);
        }

        @Override
        public HttpClient.Builder newBuilder(Config config) {
            return trustingClusterCa(config).addOrReplaceInterceptor(AsciiWatchEvents.NAME, new AsciiWatchEvents());
        }

        private HttpClient.Builder trustingClusterCa(Config config) {
            Optional<TrustManager[]> cluster;
            try {
                cluster = clusterCaTrust(config);
            } catch (IOException | GeneralSecurityException e) {
                throw KubernetesClientException.launderThrowable(e);
            }
            if (cluster.isEmpty()) {
                return super.newBuilder(config);
            }
            // fabric8's common configuration (proxy, timeouts, the token refresh that keeps this config) is applied
            // to this very config, which for that moment trusts every certificate: the one path through its trust
            // store code that does not load cacerts. The trust managers are replaced right after.
            HttpClient.Builder builder;
            config.setTrustCerts(true);
            try {
                builder = super.newBuilder(config);
            } finally {
                config.setTrustCerts(false);
            }
            try {
                return builder.sslContext(SSLUtils.keyManagers(config), cluster.get());
            } catch (IOException | GeneralSecurityException e) {
                throw KubernetesClientException.launderThrowable(e);
            }
        }
    }
}
