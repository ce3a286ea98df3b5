package dev.clickstream.tools.cfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped templates in cloudformation/ pass the project's checks; their user data, rendered with
 * sample values, passes shellcheck, and the systemd units it writes pass systemd-analyze verify.
 */
class CloudFormationTemplatesTest {
    private static final Path DIR = Path.of(System.getProperty("templatesDir", "../cloudformation"));
    private static final Pattern EXEC_JAVA =
            Pattern.compile("(?m)^ExecStart=/usr/bin/java (.*) -jar /opt/clickstream/([\\w-]+)\\.jar ");

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
    void userDataPassesShellcheck(Path template) throws Exception {
        Map<String, String> scripts = new SampleStack(CfnYaml.read(template)).userData();

        assertThat(scripts).isNotEmpty();
        for (Map.Entry<String, String> script : scripts.entrySet()) {
            assertThat(HostTool.shellcheck(script.getValue())).as(script.getKey()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void theUnitsTheUserDataWritesPassSystemdAnalyzeVerify(Path template, @TempDir Path scratch) throws Exception {
        Map<String, String> scripts = new SampleStack(CfnYaml.read(template)).userData();

        for (Map.Entry<String, String> script : scripts.entrySet()) {
            Path root = Files.createDirectories(scratch.resolve(script.getKey()));
            List<String> units = SystemdUnits.write(script.getValue(), root);
            assertThat(units).as(script.getKey()).isNotEmpty().allMatch(u -> u.startsWith("clickstream-"));
            assertThat(SystemdUnits.verify(root, units)).as(script.getKey()).isEmpty();
        }
    }

    @Test
    void theDataVisualizationStackWritesItsThreeUnitsThroughOneFunction(@TempDir Path root) throws Exception {
        String script = new SampleStack(CfnYaml.read(DIR.resolve("data-visualization.yaml"))).userData()
                .get("LaunchTemplate");

        assertThat(SystemdUnits.write(script, root)).containsExactly("clickstream-counter.service",
                "clickstream-dashboard.service", "clickstream-producer.service");
        assertThat(root.resolve("etc/systemd/system/clickstream-dashboard.service")).content()
                .contains("ExecStart=/usr/bin/java -XX:+UseSerialGC ")
                .contains(" -jar /opt/clickstream/dashboard.jar")
                .contains("--port 80 ");
    }

    /** The units start each JVM as bin/ does: the options are the launcher's, in the same order. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void eachUnitGivesItsJvmTheLauncherScriptsOptions(Path template, @TempDir Path scratch) throws Exception {
        Map<String, String> scripts = new SampleStack(CfnYaml.read(template)).userData();
        int checked = 0;
        for (Map.Entry<String, String> script : scripts.entrySet()) {
            Path root = Files.createDirectories(scratch.resolve(script.getKey()));
            for (String unit : SystemdUnits.write(script.getValue(), root)) {
                String text = Files.readString(root.resolve(SystemdUnits.UNIT_DIR.substring(1)).resolve(unit));
                Matcher exec = EXEC_JAVA.matcher(text);
                assertThat(exec.find()).as(unit + " starts java -jar").isTrue();
                assertThat(exec.group(1)).as(unit).isEqualTo(LauncherScripts.tunedOptions(exec.group(2)));
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void shellcheckCatchesABrokenScript() throws Exception {
        assertThat(HostTool.shellcheck("#!/bin/bash\nif true; then\n echo x\n")).contains("SC1046");
        assertThat(HostTool.shellcheck("#!/bin/bash\nrm -rf $1/bin\n")).contains("SC2086");
    }

    @Test
    void systemdAnalyzeCatchesABrokenUnit(@TempDir Path root) throws Exception {
        String script = "cat > /etc/systemd/system/bad.service <<'EOF'\n[Service]\nExecStart=/usr/bin/true\n"
                + "Restart=sometimes\nRestartSecs=5\nEOF\n";

        List<String> units = SystemdUnits.write(script, root);

        assertThat(SystemdUnits.verify(root, units)).contains("restart specifier").contains("Unknown key 'RestartSecs'");
    }

    @Test
    void sampleValuesStandInForParametersResourcesAndPseudoParameters() throws IOException {
        String script = new SampleStack(CfnYaml.read(DIR.resolve("clickstream.yaml"))).userData()
                .get("ProducerLaunchTemplate");

        assertThat(script).contains("--stack clickstream-ci --resource ProducerGroup --region eu-west-1")
                .contains("stream = clickstream-ci-stream").contains("s3://sample-jarss3bucket/")
                .doesNotContain("${");
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
}
