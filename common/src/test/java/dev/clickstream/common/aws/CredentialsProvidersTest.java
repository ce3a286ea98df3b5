package dev.clickstream.common.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class CredentialsProvidersTest {
    @Test
    void acceptsKcl2AndKcl1Names() {
        assertThat(CredentialsProviders.parse("DefaultCredentialsProvider")).isInstanceOf(DefaultCredentialsProvider.class);
        assertThat(CredentialsProviders.parse("DefaultAWSCredentialsProviderChain")).isInstanceOf(DefaultCredentialsProvider.class);
        assertThat(CredentialsProviders.parse("software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider"))
                .isInstanceOf(DefaultCredentialsProvider.class);
        assertThat(CredentialsProviders.parse("ProfileCredentialsProvider|dev")).isInstanceOf(ProfileCredentialsProvider.class);
    }

    @Test
    void staticKeysForTheLocalStack() {
        var provider = CredentialsProviders.parse(CredentialsProviders.LOCAL);
        assertThat(provider).isInstanceOf(StaticCredentialsProvider.class);
        assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("local");
    }

    @Test
    void errorsNeverEchoSecrets() {
        assertThatThrownBy(() -> CredentialsProviders.parse("StaticCredentialsProvider|AKIASECRET"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("AKIASECRET");
        assertThatThrownBy(() -> CredentialsProviders.parse("Bogus|AKIASECRET|s3cr3t"))
                .hasMessageStartingWith("must be one of DefaultCredentialsProvider")
                .hasMessageNotContaining("s3cr3t");
        assertThat(CredentialsProviders.describe("StaticCredentialsProvider|AKIA|s3cr3t"))
                .isEqualTo("StaticCredentialsProvider|****");
    }

    @ParameterizedTest
    @CsvSource({"us-east-1, true", "ap-southeast-2, true", "us-gov-west-1, true", "useast1, false", "'', false"})
    void regionShapeIsChecked(String region, boolean valid) {
        assertThat(Regions.isValid(region)).isEqualTo(valid);
    }
}
