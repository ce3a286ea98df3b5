package dev.clickstream.tools.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What CloudFormation would hand an instance: the template's intrinsic functions resolved with
 * sample values (the given parameter values, else the defaults, else {@code sample-<name>}; a
 * resource's Ref is {@code <stack>-<logical id>}), so the scripts can be checked as the shell will
 * see them and a resource's properties as the service will get them. Conditions are evaluated,
 * and {@code AWS::NoValue} removes the list element or property it stands for.
 */
final class SampleStack {
    static final String STACK_NAME = "clickstream-ci";
    private static final Map<String, String> PSEUDO = Map.of("AWS::AccountId", "123456789012",
            "AWS::Partition", "aws", "AWS::Region", "eu-west-1", "AWS::StackName", STACK_NAME,
            "AWS::StackId", "arn:aws:cloudformation:eu-west-1:123456789012:stack/" + STACK_NAME + "/1",
            "AWS::URLSuffix", "amazonaws.com");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]*)}");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode template;
    private final Map<String, String> parameters;

    SampleStack(JsonNode template) {
        this(template, Map.of());
    }

    /** With these parameter values instead of the defaults. */
    SampleStack(JsonNode template, Map<String, String> parameters) {
        for (String name : parameters.keySet()) {
            if (!template.path("Parameters").has(name)) {
                throw new IllegalArgumentException("no parameter " + name);
            }
        }
        this.template = template;
        this.parameters = Map.copyOf(parameters);
    }

    /** Whether the resource is created: it has no Condition, or its condition holds. */
    boolean creates(String resource) {
        JsonNode node = template.path("Resources").path(resource);
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("no resource " + resource);
        }
        return !node.has("Condition") || condition(node.path("Condition").asText());
    }

    /** The resource's Properties with every function resolved, as CloudFormation passes them on. */
    JsonNode properties(String resource) {
        if (!creates(resource)) {
            throw new IllegalArgumentException(resource + " is not created with " + parameters);
        }
        return tree(template.path("Resources").path(resource).path("Properties"));
    }

    boolean condition(String name) {
        JsonNode definition = template.path("Conditions").path(name);
        if (definition.isMissingNode()) {
            throw new IllegalArgumentException("no condition " + name);
        }
        return holds(definition);
    }

    private boolean holds(JsonNode node) {
        Map.Entry<String, JsonNode> only = node.properties().iterator().next();
        JsonNode arg = only.getValue();
        return switch (only.getKey()) {
            case "Fn::Equals" -> resolve(arg.get(0)).equals(resolve(arg.get(1)));
            case "Fn::Not" -> !holds(arg.get(0));
            case "Fn::And" -> {
                boolean all = true;
                for (JsonNode c : arg) {
                    all &= holds(c);
                }
                yield all;
            }
            case "Fn::Or" -> {
                boolean any = false;
                for (JsonNode c : arg) {
                    any |= holds(c);
                }
                yield any;
            }
            case "Condition" -> condition(arg.asText());
            default -> throw new IllegalArgumentException("not a condition: " + node);
        };
    }

    /** A tree with every function resolved; null where it resolves to AWS::NoValue. */
    private JsonNode tree(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            node.forEach(e -> {
                JsonNode r = tree(e);
                if (r != null) {
                    out.add(r);
                }
            });
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1) {
            Map.Entry<String, JsonNode> only = node.properties().iterator().next();
            String key = only.getKey();
            if (key.equals("Ref") && only.getValue().asText().equals("AWS::NoValue")) {
                return null;
            }
            if (key.equals("Fn::If")) {
                return tree(branch(only.getValue()));
            }
            if (key.equals("Ref") || key.startsWith("Fn::")) {
                return NODES.textNode(resolve(node));
            }
        }
        ObjectNode out = NODES.objectNode();
        node.properties().forEach(e -> {
            JsonNode r = tree(e.getValue());
            if (r != null) {
                out.set(e.getKey(), r);
            }
        });
        return out;
    }

    private JsonNode branch(JsonNode ifArguments) {
        return condition(ifArguments.get(0).asText()) ? ifArguments.get(1) : ifArguments.get(2);
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
            case "Fn::If" -> resolve(branch(arg));
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
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
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
