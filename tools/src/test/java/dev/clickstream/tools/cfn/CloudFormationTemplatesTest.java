package dev.clickstream.tools.cfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped templates in cloudformation/ pass the project's checks, and their user data is valid bash. */
class CloudFormationTemplatesTest {
    private static final Path DIR = Path.of(System.getProperty("templatesDir", "../cloudformation"));
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]*)}");

    static Stream<Path> templates() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(yaml).extracting(f -> f.getFileName().toString())
                    .contains("clickstream.yaml", "data-visualization.yaml");
            return yaml.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void passesTheChecks(Path template) throws IOException {
        assertThat(TemplateChecks.problems(CfnYaml.read(template))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void userDataIsValidBash(Path template) throws Exception {
        List<String> scripts = new ArrayList<>();
        collectUserData(CfnYaml.read(template), scripts);
        assertThat(scripts).isNotEmpty();
        for (String script : scripts) {
            assertThat(bashSyntaxErrors(render(script))).isEmpty();
        }
    }

    @Test
    void bashCheckCatchesABrokenScript() throws Exception {
        assertThat(bashSyntaxErrors("if true; then\n echo x\n")).isNotEmpty();
    }

    @Test
    void theClickstreamStackHasTheIssuesParametersAndOutputs() throws IOException {
        JsonNode t = CfnYaml.read(DIR.resolve("clickstream.yaml"));

        assertThat(t.path("Parameters").fieldNames()).toIterable().contains("ProducerInstanceType",
                "ConsumerInstanceType", "ProducerClusterSize", "ConsumerClusterSize", "NumberOfShards",
                "ProducerPutRecordsBatchSize", "ProducerPutRecordsTps", "S3BufferSizeInBytes", "S3BucketName",
                "KeyName", "SSHLocation");
        assertThat(t.path("Outputs").fieldNames()).toIterable().contains("StreamName", "DynamoDBTableForKCL", "S3Bucket");
        assertThat(t.path("Resources").path("ProducerLaunchTemplate").path("Properties").path("LaunchTemplateData")
                .path("MetadataOptions").path("HttpTokens").asText()).isEqualTo("required");
    }

    /** UserData is Fn::Base64 of Fn::Sub: every script string found under a UserData key. */
    private static void collectUserData(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("UserData")) {
                    JsonNode sub = e.getValue().path("Fn::Base64").path("Fn::Sub");
                    out.add(sub.isArray() ? sub.path(0).asText() : sub.asText());
                } else {
                    collectUserData(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectUserData(n, out));
        }
    }

    /** What CloudFormation hands the instance, with a stand-in value for each variable. */
    private static String render(String script) {
        return SUB_VARIABLE.matcher(script).replaceAll(m -> m.group(1).isEmpty()
                ? "value" : java.util.regex.Matcher.quoteReplacement("${" + m.group(2) + "}"));
    }

    private static String bashSyntaxErrors(String script) throws Exception {
        Path file = Files.createTempFile("user-data", ".sh");
        try {
            Files.writeString(file, script);
            Process bash = new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
            String output = new String(bash.getInputStream().readAllBytes());
            assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return bash.exitValue() == 0 ? "" : output;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
