package dev.clickstream.common.aws;

import java.util.regex.Pattern;

/** Checks a region name's shape; the SDK itself accepts any string and fails late with a DNS error. */
public final class Regions {
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    private Regions() {}

    public static boolean isValid(String region) {
        return region != null && REGION.matcher(region).matches();
    }
}
