package io.metallb.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.metallb.api.config.ConfigResult;
import io.metallb.api.spi.ClusterSource.EventType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reports the outcome of the last config parse on the {@code ConfigurationState} object {@code controller} (status
 * {@code result} Valid/Invalid and {@code errorSummary}, as MetalLB does), and a refused config also as a Warning
 * event {@code ConfigInvalid} on it. Writes only when the outcome changes.
 */
final class ConfigurationStateWriter {

    static final String NAME = "controller";
    static final String IGNORED_CONDITION = "LegacyConfigMapIgnored";

    private final KubernetesClient client;
    private final String namespace;
    private final EventRecorder events;
    private List<Object> lastOutcome;

    ConfigurationStateWriter(KubernetesClient client, String namespace, EventRecorder events) {
        this.client = client;
        this.namespace = namespace;
        this.events = events;
    }

    /**
     * @param warning a config source that was ignored (the legacy ConfigMap beside metallb.io objects): shown as
     *     the condition {@code LegacyConfigMapIgnored}
     */
    void report(ConfigResult result, Optional<String> warning) {
        Map<String, Object> status = new LinkedHashMap<>();
        if (result instanceof ConfigResult.Invalid invalid) {
            status.put("result", "Invalid");
            status.put("errorSummary", invalid.describe());
        } else {
            status.put("result", "Valid");
            status.put("errorSummary", "");
        }
        List<Object> outcome = List.of(Map.copyOf(status), warning);
        if (Objects.equals(outcome, lastOutcome)) {
            return;
        }
        status.put("conditions", warning.map(w -> List.<Object>of(Map.of("type", IGNORED_CONDITION,
                "status", "True", "reason", "MetallbObjectsWin", "message", w,
                "lastTransitionTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())))
                .orElse(List.of()));
        var resources = client.genericKubernetesResources(MetalLbResources.CONFIGURATION_STATE)
                .inNamespace(namespace);
        GenericKubernetesResource state = new GenericKubernetesResourceBuilder()
                .withApiVersion(MetalLbResources.GROUP + "/v1beta1").withKind("ConfigurationState")
                .withNewMetadata().withName(NAME).withNamespace(namespace)
                .addToLabels("metallb.io/component-type", "controller").endMetadata().build();
        GenericKubernetesResource stored = resources.resource(state).createOr(NonDeletingOperation::update);
        stored.setAdditionalProperty("status", status);
        resources.resource(stored).updateStatus();
        lastOutcome = outcome;
        if (result instanceof ConfigResult.Invalid invalid) {
            events.record(new ObjectReferenceBuilder().withApiVersion(MetalLbResources.GROUP + "/v1beta1")
                    .withKind("ConfigurationState").withNamespace(namespace).withName(NAME)
                    .withUid(stored.getMetadata().getUid()).build(), EventType.WARNING, "ConfigInvalid",
                    "config refused, the last good config keeps running: " + invalid.describe());
        }
    }
}
