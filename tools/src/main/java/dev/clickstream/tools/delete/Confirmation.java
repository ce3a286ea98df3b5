package dev.clickstream.tools.delete;

import dev.clickstream.common.cli.CliException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Asks a yes/no question on the console. An answer may also come through a pipe; standard input
 * that ends without one (a script, CI, {@code </dev/null}) is a usage mistake, never a "yes".
 */
/** @param echo print the answer read, so a piped answer shows in the output as a typed one would */
record Confirmation(BufferedReader in, PrintWriter out, boolean echo) {

    boolean ask(String question) {
        out.print(question + " [y/N] ");
        out.flush();
        String answer;
        try {
            answer = in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (answer == null) {
            out.println();
            throw CliException.usage("no answer on standard input; add --yes to delete without asking");
        }
        if (echo) {
            out.println(answer);
        }
        String a = answer.strip().toLowerCase(Locale.ROOT);
        return a.equals("y") || a.equals("yes");
    }
}
