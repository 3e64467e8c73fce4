package dev.catena.llm.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.llm.compute.kernel.KernelCompute;
import dev.catena.llm.model.Model;
import dev.catena.llm.sampling.SamplingParams;
import dev.catena.testing.ExternalInputs;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.service.AiServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Structured output and constrained tool calls on the real Gemma 3 270M through LangChain4j's own APIs. */
class StructuredOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Model model;
    private static LocalChatModel chat;

    record Person(String name, int age, String city) {
    }

    interface Extractor {
        @dev.langchain4j.service.UserMessage("Extract the person from this text: {{it}}")
        Person extract(String text);
    }

    @BeforeAll
    static void load() {
        model = Model.load(ExternalInputs.gemma(), KernelCompute.preferred(2));
        chat = LocalChatModel.builder().model(model).sampling(SamplingParams.greedy()).maxTokens(120)
                .contextLength(1024).build();
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void declaresJsonSchemaResponseFormat() {
        assertThat(chat.supportedCapabilities()).contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }

    @Test
    void aiServicesReturnARecordFromTheLocalModel() {
        Extractor extractor = AiServices.create(Extractor.class, (dev.langchain4j.model.chat.ChatModel) chat);
        Person p = extractor.extract("Maria Silva is 34 years old and lives in Lisbon.");
        assertThat(p).isNotNull();
        assertThat(p.name()).contains("Maria");
        assertThat(p.city()).isNotNull();
    }

    @Test
    void structuredOutputParserAsksTheLocalModelForItsSchema() {
        dev.catena.core.parser.StructuredOutputParser<Person> parser =
                dev.catena.core.parser.StructuredOutputParser.of(Person.class);
        dev.langchain4j.model.chat.ChatModel constrained = parser.constrain(chat);
        assertThat(constrained).isNotSameAs(chat);
        Person p = parser.parse(constrained.chat("Extract the person: Maria Silva is 34 and lives in Lisbon."));
        assertThat(p.name()).contains("Maria");
    }

    @Test
    void jsonModeWithoutSchemaGivesAJsonObject() throws Exception {
        ChatResponse r = chat.chat(ChatRequest.builder()
                .messages(UserMessage.from("Reply with a JSON object whose key \"animal\" has the value \"cat\"."))
                .responseFormat(ResponseFormat.JSON).build());
        assertThat(r.finishReason()).as(r.aiMessage().text()).isEqualTo(FinishReason.STOP);
        JsonNode node = JSON.readTree(r.aiMessage().text());
        assertThat(node.isObject()).isTrue();
    }

    @Test
    void aRequiredToolCallNamesADeclaredToolWithValidArguments() throws Exception {
        ToolSpecification weather = ToolSpecification.builder().name("get_weather").description("Weather in a city")
                .parameters(JsonObjectSchema.builder().addStringProperty("city").addIntegerProperty("days")
                        .required("city", "days").build()).build();
        ToolSpecification time = ToolSpecification.builder().name("get_time").description("Local time in a city")
                .parameters(JsonObjectSchema.builder().addStringProperty("city").required("city").build()).build();
        ChatResponse r = chat.chat(ChatRequest.builder()
                .messages(UserMessage.from("What will the weather be in Paris for the next 3 days?"))
                .toolSpecifications(weather, time).toolChoice(ToolChoice.REQUIRED).build());
        assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        List<ToolExecutionRequest> calls = r.aiMessage().toolExecutionRequests();
        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst().name()).isIn("get_weather", "get_time");
        JsonNode args = JSON.readTree(calls.getFirst().arguments());
        assertThat(args.get("city").isTextual()).isTrue();
        if (calls.getFirst().name().equals("get_weather")) {
            assertThat(args.get("days").isIntegralNumber()).isTrue();
        }
    }

}
