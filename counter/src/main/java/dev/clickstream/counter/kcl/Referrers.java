package dev.clickstream.counter.kcl;

import java.nio.charset.StandardCharsets;

/**
 * Bounds on what a record may put into a counts item. A referrer is cut to {@link #MAX_REFERRER_CHARS}
 * (real ones are far shorter; browsers cap them near 4 KB): one hostile record must not make its
 * resource's item too large. A resource is the item's hash key, which DynamoDB limits to 2048
 * bytes; a longer one is no page and the record counts as malformed.
 */
final class Referrers {
    static final int MAX_REFERRER_CHARS = 1024;
    static final int MAX_RESOURCE_BYTES = 2048;
    static final String CUT = "…";

    private Referrers() {}

    static String bound(String referrer) {
        if (referrer.length() <= MAX_REFERRER_CHARS) {
            return referrer;
        }
        int end = MAX_REFERRER_CHARS - CUT.length();
        if (Character.isHighSurrogate(referrer.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        return referrer.substring(0, end) + CUT;
    }

    static boolean isUsableResource(String resource) {
        return resource.length() * 3 <= MAX_RESOURCE_BYTES
                || resource.getBytes(StandardCharsets.UTF_8).length <= MAX_RESOURCE_BYTES;
    }
}
