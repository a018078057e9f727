package io.metallb.api.spi;

import java.util.Map;

/** Makes a {@link ClusterSource}; found with {@link java.util.ServiceLoader}. */
public interface ClusterSourceProvider {

    /** The source's name: {@code kubernetes}, {@code file}, ... */
    String name();

    /** A source configured by {@code options} (namespace, file path, ...), not yet started. */
    ClusterSource create(Map<String, String> options);
}
