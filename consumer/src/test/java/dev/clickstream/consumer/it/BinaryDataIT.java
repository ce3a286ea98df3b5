package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.consumer.kcl.ConsumerRuntime;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue test 7: binary and non-JSON data is archived byte for byte; the archiver never parses records. */
@ExtendWith(LocalStackExtension.class)
class BinaryDataIT {

    @Test
    void binaryAndNonJsonRecordsRoundTripByteForByte(LocalAws aws) {
        ConsumerFixture f = new ConsumerFixture(aws, "binary");
        aws.createStream(f.stream, 1);
        List<byte[]> records = new ArrayList<>();
        records.add("not json at all".getBytes(StandardCharsets.UTF_8));
        records.add("{\"broken\": ".getBytes(StandardCharsets.UTF_8));
        records.add("line one\nline two\r\n".getBytes(StandardCharsets.UTF_8));
        records.add("h\u00e9llo w\u00f6rld \u2603 \uD83D\uDE00".getBytes(StandardCharsets.UTF_8));
        records.add(new byte[] {0, 0, 0});
        records.add(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE}); // invalid UTF-8
        Random random = new Random(42);
        for (int i = 0; i < 150; i++) {
            byte[] data = new byte[1 + random.nextInt(600)];
            random.nextBytes(data);
            records.add(data);
        }
        List<StreamWriter.Written> written = f.writer().put(records);

        try (ConsumerRuntime consumer = f.startInProcess(List.of())) {
            Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "every record archived", () -> f.checkpointedAll(written));
            // the counter moves just after the checkpoint, so it is polled too
            Poll.until(java.time.Duration.ofSeconds(10), "status counter", () -> consumer.counters().records() == written.size());
        }

        ArchiveChecker.Result result = f.archive().check(written);
        assertThat(result.duplicates()).isZero();
        assertThat(result.objects()).isGreaterThan(1);
    }
}
