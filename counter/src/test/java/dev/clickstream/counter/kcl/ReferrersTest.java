package dev.clickstream.counter.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReferrersTest {
    @Test
    void aLongReferrerIsCutAndMarked() {
        String cut = Referrers.bound("http://x/" + "y".repeat(1_000_000));
        assertThat(cut).hasSize(Referrers.MAX_REFERRER_CHARS).startsWith("http://x/yyy").endsWith(Referrers.CUT);
        assertThat(Referrers.bound("http://www.google.com")).isEqualTo("http://www.google.com");
    }

    @Test
    void aSurrogatePairIsNeverSplit() {
        String text = "a".repeat(Referrers.MAX_REFERRER_CHARS - 2) + "\uD83D\uDE00" + "tail";
        String cut = Referrers.bound(text);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
    }

    @Test
    void aResourceLongerThanAHashKeyIsNotUsable() {
        assertThat(Referrers.isUsableResource("/index.html")).isTrue();
        assertThat(Referrers.isUsableResource("r".repeat(2049))).isFalse();
        assertThat(Referrers.isUsableResource("\u00e9".repeat(1025))).isFalse();
    }
}
