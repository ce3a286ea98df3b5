package dev.clickstream.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClickEventCodecTest {
    @Test
    void writesTheOriginalsJsonShape() {
        byte[] json = ClickEventCodec.toJson(new ClickEvent("resource-1", "http://www.amazon.com"));
        assertThat(new String(json, StandardCharsets.UTF_8))
                .isEqualTo("{\"resource\":\"resource-1\",\"referrer\":\"http://www.amazon.com\"}");
    }

    @Test
    void readsBackWhatItWrites() {
        ClickEvent event = new ClickEvent("resource-0", "http://reddit.com");
        assertThat(ClickEventCodec.parse(ClickEventCodec.toJson(event))).contains(event);
    }

    @Test
    void malformedInputIsEmptyNotAnException() {
        for (String bad : new String[] {"", "not json", "[]", "{\"resource\":\"r\"}", "{\"resource\":1,\"referrer\":\"x\"}",
                "{\"resource\":\"r\",\"referrer\":null}", "{\"resource\":\"r\",\"referrer\":\"x\""}) {
            assertThat(ClickEventCodec.parse(bad.getBytes(StandardCharsets.UTF_8))).as(bad).isEmpty();
        }
    }
}
