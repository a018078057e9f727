package io.metallb.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Informers on MetalLB's config in its namespace: the {@code metallb.io} objects (as generic resources, so no
 * typed classes are needed) and the legacy ConfigMap {@code config}. {@link #read} parses what the caches hold.
 */
final class ConfigInformers {

    private final KubernetesClient client;
    private final List<SharedIndexInformer<GenericKubernetesResource>> objects = new ArrayList<>();
    private final SharedIndexInformer<ConfigMap> legacy;

    ConfigInformers(KubernetesClient client, String namespace, ResourceEventHandler<Object> onChange) {
        this.client = client;
        legacy = client.configMaps().inNamespace(namespace).withName(ConfigSources.LEGACY_NAME).runnableInformer(0);
        legacy.addEventHandler(onChange);
        for (var kind : MetalLbResources.CONFIG_KINDS) {
            SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(kind)
                    .inNamespace(namespace).runnableInformer(0);
            informer.addEventHandler(onChange);
            objects.add(informer);
        }
    }

    /**
     * Starts every informer with {@code starter}, which returns what to wait for: fabric8's own start (cache filled
     * and watch open) or {@link Listed} (cache filled).
     */
    List<CompletableFuture<Void>> start(Function<SharedIndexInformer<?>, CompletableFuture<Void>> starter) {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        started.add(starter.apply(legacy));
        objects.forEach(i -> started.add(starter.apply(i)));
        return started;
    }

    /** The config the caches hold now, parsed, with the ConfigMap-versus-objects choice made. */
    ConfigSources.Chosen read() {
        List<Map<String, Object>> trees = new ArrayList<>();
        for (SharedIndexInformer<GenericKubernetesResource> informer : objects) {
            for (GenericKubernetesResource r : informer.getStore().list()) {
                trees.add(Trees.of(client, r));
            }
        }
        return ConfigSources.choose(trees, legacyConfig());
    }

    private Optional<ConfigSources.Legacy> legacyConfig() {
        return legacy.getStore().list().stream().findFirst().map(cm -> legacyOf(client, cm));
    }

    /** The legacy ConfigMap's {@code data.config} read as YAML, or why it cannot be. */
    static ConfigSources.Legacy legacyOf(KubernetesClient client, ConfigMap cm) {
        String yaml = cm.getData() == null ? null : cm.getData().get("config");
        if (yaml == null) {
            return ConfigSources.Legacy.unreadable("missing (expected: the config YAML under key \"config\")");
        }
        try {
            Object parsed = client.getKubernetesSerialization().unmarshal(yaml, Object.class);
            return parsed instanceof Map<?, ?> ? ConfigSources.Legacy.of(Trees.stringKeyed(parsed))
                    : ConfigSources.Legacy.unreadable("expected a YAML map, got: " + parsed);
        } catch (RuntimeException e) {
            return ConfigSources.Legacy.unreadable("not YAML: " + e.getMessage());
        }
    }

    /** The legacy ConfigMap {@code config}, if it exists. */
    Optional<ConfigMap> legacyConfigMap() {
        return legacy.getStore().list().stream().findFirst();
    }

    /** The cached IPAddressPool object called {@code name}, if there is one. */
    Optional<GenericKubernetesResource> pool(String name) {
        return objects.get(0).getStore().list().stream().filter(p -> name.equals(p.getMetadata().getName()))
                .findFirst();
    }

    void stop() {
        legacy.stop();
        objects.forEach(SharedIndexInformer::stop);
    }
}
