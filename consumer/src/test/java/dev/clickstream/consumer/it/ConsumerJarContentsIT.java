package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/** consumer.jar carries this module's copy of the KCL's ExtendedSequenceNumber, and only that one. */
class ConsumerJarContentsIT {
    private static final String ENTRY = "software/amazon/kinesis/retrieval/kpl/ExtendedSequenceNumber.class";

    @Test
    void theJarHoldsThisModulesExtendedSequenceNumber() throws Exception {
        byte[] ours;
        try (InputStream in = ExtendedSequenceNumber.class.getResourceAsStream("ExtendedSequenceNumber.class")) {
            ours = in.readAllBytes();
        }
        try (JarFile jar = new JarFile(ConsumerFixture.JAR.toFile())) {
            assertThat(jar.stream().filter(e -> e.getName().equals(ENTRY)).count()).isEqualTo(1);
            try (InputStream in = jar.getInputStream(jar.getEntry(ENTRY))) {
                assertThat(in.readAllBytes()).as("the class in consumer.jar is the KCL's, not this module's").isEqualTo(ours);
            }
        }
    }
}
