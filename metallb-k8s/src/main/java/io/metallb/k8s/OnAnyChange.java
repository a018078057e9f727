package io.metallb.k8s;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.function.Consumer;

/**
 * An informer handler that treats add, update and delete alike: level-triggered loops only need to know which
 * key to look at again, never what happened to it.
 */
final class OnAnyChange<T> implements ResourceEventHandler<T> {

    private final Consumer<T> action;

    private OnAnyChange(Consumer<T> action) {
        this.action = action;
    }

    static <T> OnAnyChange<T> of(Consumer<T> action) {
        return new OnAnyChange<>(action);
    }

    @Override
    public void onAdd(T obj) {
        action.accept(obj);
    }

    @Override
    public void onUpdate(T oldObj, T newObj) {
        action.accept(newObj);
    }

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        action.accept(obj);
    }
}
