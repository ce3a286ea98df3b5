package dev.clickstream.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeRuntimeTest {
    @TempDir
    Path dir;

    private String fakeNode(String printed) throws Exception {
        Path script = dir.resolve("node");
        Files.writeString(script, "#!/bin/sh\necho '" + printed + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script.toString();
    }

    @Test
    void acceptsTheMachinesNode() throws Exception {
        NodeRuntime node = NodeRuntime.detect("node");
        assertThat(node.version()).matches("v\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void missingNodeSaysWhatToInstall() {
        assertThatThrownBy(() -> NodeRuntime.detect(dir.resolve("no-such-node").toString()))
                .isInstanceOf(LocalStackException.class)
                .hasMessageStartingWith("node: Node.js not found")
                .hasMessageContaining("install Node.js 18 or newer");
    }

    @Test
    void oldNodeIsRefused() throws Exception {
        String node = fakeNode("v16.20.2");
        assertThatThrownBy(() -> NodeRuntime.detect(node))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("Node.js v16.20.2 is too old")
                .hasMessageContaining("install Node.js 18 or newer");
    }

    @Test
    void node18IsEnough() throws Exception {
        assertThat(NodeRuntime.detect(fakeNode("v18.0.0")).version()).isEqualTo("v18.0.0");
    }

    @Test
    void somethingThatIsNotNodeIsRefused() throws Exception {
        String node = fakeNode("Python 3.11");
        assertThatThrownBy(() -> NodeRuntime.detect(node))
                .hasMessageContaining("is not Node.js");
    }
}
