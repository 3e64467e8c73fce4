package dev.catena.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** The readiness check reports Catena UP with its components, and DOWN when a model cannot be created. */
class CatenaHealthTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addAsResource(new StringAsset("""
                            apiVersion: catena/v1
                            kind: Model
                            name: bot
                            type: scripted
                            responses: ["ok"]
                            """), "catena/bot.yaml"))
            .overrideConfigKey("quarkus.catena.models.local.type", "scripted")
            .overrideConfigKey("quarkus.catena.models.local.responses", "a");

    @Test
    void readinessIncludesCatena() {
        RestAssured.when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.find { it.name == 'catena' }.status", is("UP"))
                .body("checks.find { it.name == 'catena' }.data.components", containsString("bot"));
    }
}
