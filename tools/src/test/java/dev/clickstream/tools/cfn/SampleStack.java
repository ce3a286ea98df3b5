package dev.clickstream.tools.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What CloudFormation would hand an instance: the template's intrinsic functions resolved with
 * sample values (parameter defaults, else {@code sample-<name>}; a resource's Ref is
 * {@code <stack>-<logical id>}), so the scripts can be checked as the shell will see them.
 */
final class SampleStack {
    static final String STACK_NAME = "clickstream-ci";
    private static final Map<String, String> PSEUDO = Map.of("AWS::AccountId", "123456789012",
            "AWS::Partition", "aws", "AWS::Region", "eu-west-1", "AWS::StackName", STACK_NAME,
            "AWS::StackId", "arn:aws:cloudformation:eu-west-1:123456789012:stack/" + STACK_NAME + "/1",
            "AWS::URLSuffix", "amazonaws.com");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]*)}");

    private final JsonNode template;

    SampleStack(JsonNode template) {
        this.template = template;
    }

    /** Each resource's rendered UserData script, by logical id. */
    Map<String, String> userData() {
        Map<String, String> out = new LinkedHashMap<>();
        template.path("Resources").properties().forEach(e -> collectUserData(e.getKey(), e.getValue(), out));
        return out;
    }

    private void collectUserData(String resource, JsonNode node, Map<String, String> out) {
        node.properties().forEach(e -> {
            if (e.getKey().equals("UserData")) {
                out.put(resource, resolve(e.getValue()));
            } else if (e.getValue().isObject()) {
                collectUserData(resource, e.getValue(), out);
            }
        });
    }

    String resolve(JsonNode node) {
        if (node.isValueNode()) {
            return node.asText();
        }
        if (!node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException("not a string or function: " + node);
        }
        Map.Entry<String, JsonNode> only = node.properties().iterator().next();
        JsonNode arg = only.getValue();
        return switch (only.getKey()) {
            case "Fn::Base64" -> resolve(arg); // the instance sees the decoded text
            case "Ref" -> ref(arg.asText());
            case "Fn::GetAtt" -> getAtt(arg.path(0).asText(), arg.path(1).asText());
            case "Fn::Sub" -> arg.isArray() ? sub(arg.path(0).asText(), arg.path(1)) : sub(arg.asText(), null);
            case "Fn::Join" -> {
                List<String> parts = new ArrayList<>();
                arg.path(1).forEach(part -> parts.add(resolve(part)));
                yield String.join(arg.path(0).asText(), parts);
            }
            default -> throw new IllegalArgumentException("no sample value for " + only.getKey());
        };
    }

    private String sub(String text, JsonNode variables) {
        Matcher m = SUB_VARIABLE.matcher(text);
        return m.replaceAll(r -> {
            String name = r.group(2).trim();
            String value;
            if (!r.group(1).isEmpty()) {
                value = "${" + name + "}"; // ${!Literal} is written out as ${Literal}
            } else if (variables != null && variables.has(name)) {
                value = resolve(variables.get(name));
            } else if (name.contains(".") && !PSEUDO.containsKey(name)) {
                String[] parts = name.split("\\.", 2);
                value = getAtt(parts[0], parts[1]);
            } else {
                value = ref(name);
            }
            return Matcher.quoteReplacement(value);
        });
    }

    private String ref(String name) {
        if (PSEUDO.containsKey(name)) {
            return PSEUDO.get(name);
        }
        JsonNode parameter = template.path("Parameters").path(name);
        if (!parameter.isMissingNode()) {
            JsonNode fallback = parameter.path("Default");
            return fallback.isMissingNode() ? "sample-" + name.toLowerCase(Locale.ROOT) : fallback.asText();
        }
        if (template.path("Resources").has(name)) {
            return STACK_NAME + "-" + name.toLowerCase(Locale.ROOT);
        }
        throw new IllegalArgumentException("Ref to unknown '" + name + "'");
    }

    private String getAtt(String resource, String attribute) {
        if (!template.path("Resources").has(resource)) {
            throw new IllegalArgumentException("GetAtt of unknown '" + resource + "'");
        }
        return "sample-" + resource.toLowerCase(Locale.ROOT) + "-" + attribute.toLowerCase(Locale.ROOT);
    }
}
