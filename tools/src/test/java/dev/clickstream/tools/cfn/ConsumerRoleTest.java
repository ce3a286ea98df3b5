package dev.clickstream.tools.cfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickstream.consumer.config.ConsumerConfig;
import dev.clickstream.consumer.config.RetrievalMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * clickstream.yaml's consumer role grants enhanced fan-out only to a stack whose consumers use it,
 * and then only for the stream consumer the KCL registers: the one named after the application.
 */
class ConsumerRoleTest {
    private static final Path TEMPLATE =
            Path.of(System.getProperty("templatesDir", "../cloudformation")).resolve("clickstream.yaml");
    private static final List<String> FAN_OUT_ACTIONS = List.of("kinesis:RegisterStreamConsumer",
            "kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard");

    @Test
    void aPollingStackMayNotUseFanOut(@TempDir Path dir) throws Exception {
        SampleStack stack = new SampleStack(CfnYaml.read(TEMPLATE));

        assertThat(ArchiveTableTest.consumerConfig(stack, dir).kcl().retrievalMode()).isEqualTo(RetrievalMode.POLLING);
        assertThat(resourcesByAction(stack).keySet()).doesNotContainAnyElementsOf(FAN_OUT_ACTIONS)
                .contains("kinesis:GetRecords");
    }

    @Test
    void aFanOutStackMayRegisterAndSubscribeItsApplicationsConsumerOnly(@TempDir Path dir) throws Exception {
        SampleStack stack = new SampleStack(CfnYaml.read(TEMPLATE), Map.of("RetrievalMode", "FANOUT"));
        ConsumerConfig config = ArchiveTableTest.consumerConfig(stack, dir);
        Map<String, List<String>> granted = resourcesByAction(stack);
        String stream = granted.get("kinesis:GetRecords").get(0);
        String ownConsumer = stream + "/consumer/" + config.applicationName() + ":*";

        assertThat(config.kcl().retrievalMode()).isEqualTo(RetrievalMode.FANOUT);
        assertThat(granted.get("kinesis:RegisterStreamConsumer")).containsExactly(stream);
        assertThat(granted.get("kinesis:DescribeStreamConsumer")).containsExactly(ownConsumer);
        assertThat(granted.get("kinesis:SubscribeToShard")).containsExactly(ownConsumer);
        assertThat(granted).doesNotContainKey("kinesis:DeregisterStreamConsumer");
    }

    private static Map<String, List<String>> resourcesByAction(SampleStack stack) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (JsonNode policy : stack.properties("ConsumerRole").path("Policies")) {
            for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
                for (String action : ArchiveTableTest.texts(statement.path("Action"))) {
                    out.computeIfAbsent(action, a -> new ArrayList<>()).addAll(ArchiveTableTest.texts(statement.path("Resource")));
                }
            }
        }
        return out;
    }
}
