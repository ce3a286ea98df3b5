package dev.clickstream.tools.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's own checks of a CloudFormation template, beyond what cfn-lint covers or can be
 * told: every reference resolves, every parameter is used, and IAM grants no wildcard action
 * and no wildcard resource except where the service has no resource-level permissions.
 */
final class TemplateChecks {
    static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
            "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

    /**
     * Actions that support no resource-level permissions, so their statements must say
     * {@code "Resource": "*"} (the service authorization reference lists no resource type for them).
     */
    static final Set<String> ACTIONS_WITHOUT_RESOURCE_TYPES = Set.of("cloudwatch:PutMetricData");

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Set<String> POLICY_RESOURCE_TYPES = Set.of("AWS::IAM::Role", "AWS::IAM::Policy",
            "AWS::IAM::ManagedPolicy", "AWS::IAM::User", "AWS::IAM::Group", "AWS::S3::BucketPolicy");

    private final JsonNode template;
    private final Set<String> parameters;
    private final Set<String> resources;
    private final Set<String> conditions;
    private final Set<String> usedParameters = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    private TemplateChecks(JsonNode template) {
        this.template = template;
        this.parameters = names(template.path("Parameters"));
        this.resources = names(template.path("Resources"));
        this.conditions = names(template.path("Conditions"));
    }

    /** Every problem found, each naming where it is; empty when the template passes. */
    static List<String> problems(JsonNode template) {
        TemplateChecks checks = new TemplateChecks(template);
        checks.run();
        return List.copyOf(checks.problems);
    }

    private void run() {
        if (resources.isEmpty()) {
            problems.add("Resources: none");
        }
        for (String section : List.of("Conditions", "Resources", "Outputs")) {
            walk(template.path(section), section, Set.of());
        }
        template.path("Resources").properties().forEach(e -> {
            JsonNode condition = e.getValue().path("Condition");
            if (condition.isTextual() && !conditions.contains(condition.asText())) {
                problems.add("Resources." + e.getKey() + ".Condition: no condition named '" + condition.asText() + "'");
            }
        });
        for (String parameter : parameters) {
            if (!usedParameters.contains(parameter)) {
                problems.add("Parameters." + parameter + ": never used");
            }
        }
        checkPolicies();
    }

    // ---- references ----

    private void walk(JsonNode node, String path, Set<String> localNames) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", localNames);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.size() == 1) {
            Map.Entry<String, JsonNode> only = node.properties().iterator().next();
            String function = only.getKey();
            JsonNode argument = only.getValue();
            switch (function) {
                case "Ref" -> checkName(argument.asText(), path, localNames, "Ref");
                case "Fn::GetAtt" -> checkGetAtt(argument, path);
                case "Fn::Sub" -> {
                    checkSub(argument, path);
                    if (argument.isArray() && argument.size() == 2) {
                        walk(argument.get(1), path + ".Fn::Sub[1]", localNames);
                    }
                    return;
                }
                case "Fn::If" -> {
                    String condition = argument.path(0).asText();
                    if (!conditions.contains(condition)) {
                        problems.add(path + ": Fn::If on unknown condition '" + condition + "'");
                    }
                }
                case "Condition" -> {
                    if (path.startsWith("Conditions") && !conditions.contains(argument.asText())) {
                        problems.add(path + ": unknown condition '" + argument.asText() + "'");
                    }
                }
                default -> { }
            }
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            walk(e.getValue(), path + "." + e.getKey(), localNames);
        }
    }

    private void checkName(String name, String path, Set<String> localNames, String how) {
        if (parameters.contains(name)) {
            usedParameters.add(name);
        } else if (!resources.contains(name) && !PSEUDO_PARAMETERS.contains(name) && !localNames.contains(name)) {
            problems.add(path + ": " + how + " to '" + name + "', which is no parameter, resource or pseudo-parameter");
        }
    }

    private void checkGetAtt(JsonNode argument, String path) {
        String resource = argument.isArray() ? argument.path(0).asText() : argument.asText().split("\\.", 2)[0];
        if (!resources.contains(resource)) {
            problems.add(path + ": GetAtt of '" + resource + "', which is no resource");
        }
    }

    private void checkSub(JsonNode argument, String path) {
        String text;
        Set<String> localNames = new HashSet<>();
        if (argument.isArray()) {
            text = argument.path(0).asText();
            argument.path(1).fieldNames().forEachRemaining(localNames::add);
        } else {
            text = argument.asText();
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        while (m.find()) {
            String variable = m.group(1).trim();
            if (variable.startsWith("!")) {
                continue; // ${!Literal} is written out as ${Literal}
            }
            int dot = variable.indexOf('.');
            if (dot > 0 && !localNames.contains(variable)) {
                String resource = variable.substring(0, dot);
                if (!resources.contains(resource)) {
                    problems.add(path + ": Fn::Sub variable ${" + variable + "}: '" + resource + "' is no resource");
                }
            } else {
                checkName(variable, path, localNames, "Fn::Sub variable");
            }
        }
    }

    // ---- IAM ----

    private void checkPolicies() {
        template.path("Resources").properties().forEach(e -> {
            JsonNode resource = e.getValue();
            String type = resource.path("Type").asText();
            if (!POLICY_RESOURCE_TYPES.contains(type)) {
                return;
            }
            String base = "Resources." + e.getKey() + ".Properties";
            JsonNode props = resource.path("Properties");
            checkDocument(props.path("PolicyDocument"), base + ".PolicyDocument");
            JsonNode policies = props.path("Policies");
            for (int i = 0; i < policies.size(); i++) {
                checkDocument(policies.get(i).path("PolicyDocument"), base + ".Policies[" + i + "].PolicyDocument");
            }
        });
    }

    private void checkDocument(JsonNode document, String path) {
        if (document.isMissingNode()) {
            return;
        }
        JsonNode statements = document.path("Statement");
        List<JsonNode> list = new ArrayList<>();
        if (statements.isArray()) {
            statements.forEach(list::add);
        } else {
            list.add(statements);
        }
        for (int i = 0; i < list.size(); i++) {
            checkStatement(list.get(i), path + ".Statement[" + i + "]");
        }
    }

    private void checkStatement(JsonNode statement, String path) {
        if (!statement.path("Effect").asText().equals("Allow")) {
            return; // a Deny narrows access whatever it names
        }
        if (statement.has("NotAction") || statement.has("NotResource")) {
            problems.add(path + ": NotAction/NotResource in an Allow grants everything else");
        }
        Set<String> actions = texts(statement.path("Action"));
        for (String action : actions) {
            if (action.contains("*")) {
                problems.add(path + ": wildcard action '" + action + "'");
            }
        }
        for (JsonNode resource : list(statement.path("Resource"))) {
            String arn = resource.isTextual() ? resource.asText() : resource.path("Fn::Sub").isTextual()
                    ? resource.path("Fn::Sub").asText() : null;
            if (arn == null) {
                continue; // Ref / GetAtt of a resource in the template: one specific ARN
            }
            if (arn.equals("*")) {
                Set<String> unscoped = new LinkedHashSet<>(actions);
                unscoped.removeAll(ACTIONS_WITHOUT_RESOURCE_TYPES);
                if (!unscoped.isEmpty() || actions.isEmpty()) {
                    problems.add(path + ": wildcard resource '*' for " + unscoped);
                }
            } else if (isWholeTypeWildcard(arn)) {
                problems.add(path + ": wildcard resource '" + arn + "'");
            }
        }
    }

    /** {@code arn:aws:kinesis:r:a:*}, {@code ...:table/*} or an ARN with a wildcard service, region or account. */
    static boolean isWholeTypeWildcard(String arn) {
        if (!arn.startsWith("arn:")) {
            // ${Bucket.Arn}/* and the like: below one specific resource of the template
            return arn.startsWith("*");
        }
        // ${AWS::Region} and the like hold colons of their own: stand in for each variable first
        String[] parts = SUB_VARIABLE.matcher(arn).replaceAll("v").split(":", 6);
        if (parts.length < 6) {
            return true;
        }
        for (int i = 1; i <= 4; i++) {
            if (parts[i].contains("*")) {
                return true;
            }
        }
        String resource = parts[5];
        if (parts[2].equals("s3")) {
            return resource.equals("*") || resource.startsWith("*");
        }
        return resource.equals("*") || resource.matches("[A-Za-z-]+[/:]\\*");
    }

    private static Set<String> texts(JsonNode node) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode n : list(node)) {
            out.add(n.asText());
        }
        return out;
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(out::add);
        } else if (!node.isMissingNode()) {
            out.add(node);
        }
        return out;
    }

    private static Set<String> names(JsonNode section) {
        Set<String> out = new LinkedHashSet<>();
        section.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
