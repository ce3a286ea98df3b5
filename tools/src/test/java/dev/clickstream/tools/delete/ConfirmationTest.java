package dev.clickstream.tools.delete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickstream.common.cli.CliException;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ConfirmationTest {
    private final StringWriter printed = new StringWriter();

    @Test
    void yAndYesInAnyCaseMeanYes() {
        assertThat(ask("y\n")).isTrue();
        assertThat(ask(" YES \n")).isTrue();
    }

    @Test
    void anythingElseMeansNo() {
        assertThat(ask("n\n")).isFalse();
        assertThat(ask("\n")).isFalse();
        assertThat(ask("yep\n")).isFalse();
    }

    @Test
    void inputThatEndsWithoutAnAnswerIsAUsageMistake() {
        assertThatThrownBy(() -> ask(""))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessage("no answer on standard input; add --yes to delete without asking");
    }

    @Test
    void aPipedAnswerIsEchoedAfterTheQuestion() {
        new Confirmation(new BufferedReader(new StringReader("y\n")), new PrintWriter(printed), true).ask("Delete?");

        assertThat(printed.toString()).isEqualTo("Delete? [y/N] y" + System.lineSeparator());
    }

    private boolean ask(String input) {
        return new Confirmation(new BufferedReader(new StringReader(input)), new PrintWriter(printed), false).ask("Delete?");
    }
}
