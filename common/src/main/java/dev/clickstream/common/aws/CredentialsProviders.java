package dev.clickstream.common.aws;

import dev.clickstream.common.config.ConfigKey;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;

/**
 * Reads a credentials provider spec in the KCL multi-language style, {@code Name} or
 * {@code Name|arg|arg}. The names of KCL 1.x ({@code DefaultAWSCredentialsProviderChain}) are
 * accepted too, because the original samples' properties files use them.
 *
 * <p>{@code StaticCredentialsProvider|ACCESS_KEY|SECRET_KEY} exists for the local stack's dummy
 * keys; error messages never repeat anything after the name, so a real secret cannot leak.
 */
public final class CredentialsProviders {
    public static final String DEFAULT = "DefaultCredentialsProvider";
    /** The dummy keys the local stack's configs use; the emulators accept any. */
    public static final String LOCAL = "StaticCredentialsProvider|local|local";

    private static final List<String> NAMES = List.of(
            DEFAULT, "EnvironmentVariableCredentialsProvider", "SystemPropertyCredentialsProvider",
            "ProfileCredentialsProvider[|profile]", "InstanceProfileCredentialsProvider",
            "ContainerCredentialsProvider", "WebIdentityTokenFileCredentialsProvider",
            "StaticCredentialsProvider|accessKey|secretKey", "AnonymousCredentialsProvider");

    private CredentialsProviders() {}

    /** @throws IllegalArgumentException naming the allowed providers, without echoing arguments */
    public static AwsCredentialsProvider parse(String spec) {
        List<String> parts = Arrays.stream(spec.split("\\|", -1)).map(String::trim).toList();
        String name = simpleName(parts.get(0));
        List<String> args = parts.subList(1, parts.size());
        return switch (name) {
            case "DefaultCredentialsProvider", "DefaultAWSCredentialsProviderChain",
                 "DefaultCredentialsProviderChain" -> noArgs(name, args, DefaultCredentialsProvider.builder().build());
            case "EnvironmentVariableCredentialsProvider" ->
                    noArgs(name, args, EnvironmentVariableCredentialsProvider.create());
            case "SystemPropertyCredentialsProvider", "SystemPropertiesCredentialsProvider" ->
                    noArgs(name, args, SystemPropertyCredentialsProvider.create());
            case "InstanceProfileCredentialsProvider" ->
                    noArgs(name, args, InstanceProfileCredentialsProvider.create());
            case "ContainerCredentialsProvider" -> noArgs(name, args, ContainerCredentialsProvider.create());
            case "WebIdentityTokenFileCredentialsProvider" ->
                    noArgs(name, args, WebIdentityTokenFileCredentialsProvider.create());
            case "AnonymousCredentialsProvider" -> noArgs(name, args, AnonymousCredentialsProvider.create());
            case "ProfileCredentialsProvider" -> switch (args.size()) {
                case 0 -> ProfileCredentialsProvider.create();
                case 1 -> ProfileCredentialsProvider.create(args.get(0));
                default -> throw new IllegalArgumentException("ProfileCredentialsProvider takes at most a profile name");
            };
            case "StaticCredentialsProvider" -> {
                if (args.size() != 2 || args.get(0).isEmpty() || args.get(1).isEmpty()) {
                    throw new IllegalArgumentException(
                            "StaticCredentialsProvider takes an access key and a secret key: StaticCredentialsProvider|ACCESS|SECRET");
                }
                yield StaticCredentialsProvider.create(AwsBasicCredentials.create(args.get(0), args.get(1)));
            }
            default -> throw new IllegalArgumentException("must be one of " + String.join(", ", NAMES));
        };
    }

    /**
     * The {@code AwsCredentialsProvider} key of every application's configuration, KCL multilang
     * style. The spec is checked once at start-up and never echoed: it may hold a secret key.
     */
    public static ConfigKey<String> configKey() {
        return ConfigKey.of("AwsCredentialsProvider", spec -> {
                    parse(spec);
                    return spec;
                }, DEFAULT, "PROVIDER[|ARG...]")
                .sensitive(CredentialsProviders::describe)
                .doc("Credentials provider: DefaultCredentialsProvider (the SDK's chain), or "
                        + "StaticCredentialsProvider|KEY|SECRET for the local stack's dummy keys.");
    }

    /** The spec with its arguments masked, safe to print. */
    public static String describe(String spec) {
        int bar = spec.indexOf('|');
        return bar < 0 ? spec : spec.substring(0, bar) + "|****";
    }

    private static String simpleName(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    private static AwsCredentialsProvider noArgs(String name, List<String> args, AwsCredentialsProvider provider) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException(name + " takes no arguments");
        }
        return provider;
    }
}
