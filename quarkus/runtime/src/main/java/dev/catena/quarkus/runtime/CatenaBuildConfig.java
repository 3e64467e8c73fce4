package dev.catena.quarkus.runtime;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** Catena settings fixed at build time ({@code quarkus.catena.*}). */
@ConfigMapping(prefix = "quarkus.catena")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface CatenaBuildConfig {

    /**
     * Class-path directory (under {@code src/main/resources}) holding the chain, agent and model YAML
     * files; each file is validated at build time and each component becomes a bean.
     */
    @WithDefault("catena")
    String directory();

    /** Environment variables that YAML files may read with {@code ${env:NAME}}. */
    Optional<List<String>> allowEnv();
}
