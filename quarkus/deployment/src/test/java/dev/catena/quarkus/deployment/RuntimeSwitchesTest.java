package dev.catena.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The local runtime's switches are set from configuration, as the system properties that runtime reads. */
class RuntimeSwitchesTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.catena.local.kernels", "scalar")
            .overrideConfigKey("quarkus.catena.local.weights", "mapped");

    @Test
    void kernelsAndWeightsBecomeTheRuntimeSystemProperties() {
        assertThat(System.getProperty("catena.kernels")).isEqualTo("scalar");
        assertThat(System.getProperty("catena.weights")).isEqualTo("mapped");
    }
}
