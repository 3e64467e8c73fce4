package dev.catena.quarkus.runtime;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.annotations.Recorder;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Carries what the build found (YAML files, referenced bean names) into the running application. */
@Recorder
public class CatenaRecorder {

    /** Records the validated YAML files and the host beans they reference. */
    public void setFiles(Map<String, String> files, Set<String> hostBeans) {
        CatenaRuntime.files = Map.copyOf(files);
        CatenaRuntime.hostBeanNames = Set.copyOf(hostBeans);
    }

    /** Supplies the component {@code name} of the YAML files (for a synthetic {@code @Named} bean). */
    public Supplier<Object> component(String name) {
        return () -> Arc.container().instance(CatenaRuntime.class).get().component(name);
    }

    /** Supplies the implementation of a {@code @RegisterCatenaService} interface. */
    public Supplier<Object> service(String interfaceName) {
        return () -> {
            try {
                Class<?> service = Class.forName(interfaceName, true, Thread.currentThread().getContextClassLoader());
                return CatenaServices.create(service, Arc.container().instance(CatenaConfig.class).get());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Catena service interface " + interfaceName + " is not on the class path", e);
            }
        };
    }

    /** Supplies the component {@code name} declared in configuration. */
    public Supplier<Object> configured(String name) {
        return () -> Arc.container().instance(CatenaRuntime.class).get().configured(name);
    }
}
