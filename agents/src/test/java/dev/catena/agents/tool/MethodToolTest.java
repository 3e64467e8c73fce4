package dev.catena.agents.tool;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MethodToolTest {

    record Order(String item, int quantity) {}

    static class Shop {
        int restocked;

        @Tool("Looks up the price of an item in cents")
        int price(@P("the item name") String item) {
            return item.length() * 100;
        }

        @Tool("Places an order and returns a receipt")
        Order order(Order order, List<String> notes) {
            return new Order(order.item() + (notes == null ? "" : notes), order.quantity() * 2);
        }

        @Tool("Restocks the shop")
        void restock() {
            restocked++;
        }

        @Tool("Always fails")
        String broken() {
            throw new IllegalStateException("database unavailable");
        }

        public String notATool() {
            return "x";
        }
    }

    @Test
    void schemaComesFromTheSignature() {
        List<AgentTool> tools = Tools.from(new Shop());

        assertThat(tools).extracting(AgentTool::name).containsExactly("broken", "order", "price", "restock");
        ToolSpecification price = tools.get(2).specification();
        assertThat(price.description()).isEqualTo("Looks up the price of an item in cents");
        JsonObjectSchema params = price.parameters();
        assertThat(params.properties()).containsOnlyKeys("item");
        assertThat(params.properties().get("item")).isInstanceOf(JsonStringSchema.class);
        assertThat(params.properties().get("item").description()).isEqualTo("the item name");
        assertThat(params.required()).containsExactly("item");
        JsonObjectSchema order = (JsonObjectSchema) tools.get(1).specification().parameters().properties().get("order");
        assertThat(order.properties().get("quantity")).isInstanceOf(JsonIntegerSchema.class);
    }

    @Test
    void bindsArgumentsByNameAndRendersResults() {
        Shop shop = new Shop();
        List<AgentTool> tools = Tools.from(shop);

        assertThat(tools.get(2).execute("{\"item\":\"apple\"}")).isEqualTo("500");
        assertThat(tools.get(2).execute("apple")).as("plain text for a one-argument tool").isEqualTo("500");
        assertThat(tools.get(1).execute("{\"order\":{\"item\":\"pear\",\"quantity\":3},\"notes\":[\"!\"]}"))
                .isEqualTo("{\"item\":\"pear[!]\",\"quantity\":6}");
        assertThat(tools.get(3).execute("{}")).isEqualTo("Done.");
        assertThat(shop.restocked).isEqualTo(1);
    }

    @Test
    void badArgumentsAreToolArgumentExceptionsNamingTheArgument() {
        List<AgentTool> tools = Tools.from(new Shop());
        AgentTool price = tools.get(2);
        AgentTool order = tools.get(1);

        assertThatThrownBy(() -> price.execute("{}")).isInstanceOf(ToolArgumentException.class)
                .hasMessageContaining("missing required argument 'item'");
        assertThatThrownBy(() -> price.execute("{\"item\": \"a\", \"color\": \"red\"}"))
                .isInstanceOf(ToolArgumentException.class).hasMessageContaining("unknown argument(s) [color]");
        assertThatThrownBy(() -> price.execute("{\"item\": ")).isInstanceOf(ToolArgumentException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> order.execute("{\"order\":{\"item\":\"pear\",\"quantity\":\"many\"},\"notes\":[]}"))
                .isInstanceOf(ToolArgumentException.class).hasMessageContaining("argument 'order'");
    }

    @Test
    void toolExceptionsPropagateForTheRunnerToReport() {
        AgentTool broken = Tools.from(new Shop()).getFirst();
        assertThatThrownBy(() -> broken.execute("{}")).hasMessage("database unavailable");
    }

    @Test
    void objectWithoutToolsIsRejected() {
        assertThatThrownBy(() -> Tools.from("plain string")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String has no method annotated with @dev.langchain4j.agent.tool.Tool");
    }
}
