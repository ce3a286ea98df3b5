package dev.clickstream.tools.cfn;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads a CloudFormation YAML template into a tree, turning the short-form tags into the long
 * form ({@code !Ref X} becomes {@code {"Ref": "X"}}, {@code !GetAtt A.B} becomes
 * {@code {"Fn::GetAtt": ["A", "B"]}}), so checks see one shape only. An unknown tag is an error.
 */
final class CfnYaml {
    private static final Set<String> FUNCTIONS = Set.of("Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs",
            "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or",
            "ToJsonString", "Length");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CfnYaml() {}

    static JsonNode read(Path file) throws IOException {
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            if (parser.nextToken() == null) {
                throw new IOException(file + " is empty");
            }
            return value(parser);
        }
    }

    private static JsonNode value(YAMLParser p) throws IOException {
        String tag = p.getTypeId();
        JsonNode node = switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    String name = p.currentName();
                    p.nextToken();
                    object.set(name, value(p));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(p));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IOException("unexpected " + p.currentToken() + " at " + p.currentLocation());
        };
        return tag == null ? node : longForm(tag, node, p);
    }

    private static JsonNode longForm(String tag, JsonNode node, YAMLParser p) throws IOException {
        if (tag.startsWith("tag:yaml.org,2002:")) {
            return node;
        }
        String key;
        JsonNode argument = node;
        if (tag.equals("Ref") || tag.equals("Condition")) {
            key = tag;
        } else if (FUNCTIONS.contains(tag)) {
            key = "Fn::" + tag;
            if (tag.equals("GetAtt") && node.isTextual()) {
                String text = node.asText();
                int dot = text.indexOf('.');
                if (dot < 0) {
                    throw new IOException("!GetAtt needs Resource.Attribute, got '" + text + "' at " + p.currentLocation());
                }
                argument = NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1));
            }
        } else {
            throw new IOException("unknown tag !" + tag + " at " + p.currentLocation());
        }
        ObjectNode wrapped = NODES.objectNode();
        wrapped.set(key, argument);
        return wrapped;
    }
}
