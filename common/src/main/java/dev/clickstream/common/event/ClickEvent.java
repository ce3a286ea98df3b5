package dev.clickstream.common.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/** One click: which page was requested and which site the visitor came from. */
@JsonPropertyOrder({"resource", "referrer"})
public record ClickEvent(String resource, String referrer) {

    /**
     * The original sample's referrers, uniform. The original has {@code http://bing/com}, a typo;
     * this is the site it meant.
     */
    public static final List<String> REFERRERS = List.of(
            "http://www.amazon.com",
            "http://www.google.com",
            "http://www.yahoo.com",
            "http://www.bing.com",
            "http://stackoverflow.com",
            "http://reddit.com");

    public ClickEvent {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(referrer, "referrer");
    }

    /** The resource names for a stream of {@code shards} shards: {@code resource-0 … resource-(n-1)}. */
    public static String resourceName(int index) {
        return "resource-" + index;
    }
}
