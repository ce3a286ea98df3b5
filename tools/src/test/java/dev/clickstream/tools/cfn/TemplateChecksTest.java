package dev.clickstream.tools.cfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The checks catch each kind of defect: every bad fixture is good.yaml with exactly one defect. */
class TemplateChecksTest {

    @Test
    void theGoodFixturePasses() throws Exception {
        assertThat(TemplateChecks.problems(CfnYaml.read(fixture("good.yaml")))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ref-to-nothing.yaml          | Outputs.Name.Value.Fn::If[2]: Ref to 'Stram', which is no parameter",
        "getatt-of-nothing.yaml       | GetAtt of 'Streem', which is no resource",
        "sub-variable-of-nothing.yaml | Fn::Sub variable to 'Prefx', which is no parameter",
        "sub-attribute-of-nothing.yaml| ${Steam.Arn}: 'Steam' is no resource",
        "unknown-condition.yaml       | Fn::If on unknown condition 'HasPrefixx'",
        "unused-parameter.yaml        | Parameters.Unused: never used",
        "wildcard-action.yaml         | Statement[0]: wildcard action 'kinesis:*'",
        "wildcard-resource.yaml       | Statement[1]: wildcard resource '*' for [kinesis:GetRecords]",
        "wildcard-arn.yaml            | Statement[0]: wildcard resource 'arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/*'",
        "not-action.yaml              | NotAction/NotResource in an Allow",
    })
    void eachDefectIsReportedAlone(String fixture, String expected) throws Exception {
        List<String> problems = TemplateChecks.problems(CfnYaml.read(fixture(fixture)));

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).contains(expected.strip());
    }

    @Test
    void anUnknownTagIsAnError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, "Resources:\n  A:\n    Type: !Reff B\n");

        assertThatThrownBy(() -> CfnYaml.read(file)).hasMessageContaining("unknown tag !Reff");
    }

    @Test
    void shortFormsBecomeLongForms(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, "A: !GetAtt R.Arn\nB: !Sub x\nC: !Ref P\nD: !GetAZs ''\nE: !If [C, 1, 2]\n");

        var tree = CfnYaml.read(file);

        assertThat(tree.toString()).isEqualTo("{\"A\":{\"Fn::GetAtt\":[\"R\",\"Arn\"]},\"B\":{\"Fn::Sub\":\"x\"},"
                + "\"C\":{\"Ref\":\"P\"},\"D\":{\"Fn::GetAZs\":\"\"},\"E\":{\"Fn::If\":[\"C\",1,2]}}");
    }

    @Test
    void wildcardArnShapes() {
        assertThat(TemplateChecks.isWholeTypeWildcard("arn:aws:dynamodb:us-east-1:1:table/*")).isTrue();
        assertThat(TemplateChecks.isWholeTypeWildcard("arn:aws:dynamodb:*:1:table/t")).isTrue();
        assertThat(TemplateChecks.isWholeTypeWildcard("arn:aws:s3:::*")).isTrue();
        assertThat(TemplateChecks.isWholeTypeWildcard("arn:aws:s3:::bucket/*")).isFalse();
        assertThat(TemplateChecks.isWholeTypeWildcard("arn:aws:logs:r:a:log-group:g:*")).isFalse();
        assertThat(TemplateChecks.isWholeTypeWildcard("arn:aws:dynamodb:r:a:table/t")).isFalse();
    }

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(TemplateChecksTest.class.getResource("/cfn/" + name).toURI());
    }
}
