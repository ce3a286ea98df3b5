package dev.clickstream.common.cli;

import dev.clickstream.common.config.ConfigException;
import dev.clickstream.common.errors.Errors;
import java.io.PrintWriter;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs a picocli command with the project's exit-code contract: 0 success, 1 run-time failure,
 * 2 usage or configuration mistake. A user mistake prints one line and a hint, never a stack
 * trace; an unexpected failure prints one line and leaves the trace in the log file.
 */
public final class Cli {
    private static final Logger LOG = LoggerFactory.getLogger(Cli.class);

    private Cli() {}

    public static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setParameterExceptionHandler(new UsageErrors());
        cl.setExecutionExceptionHandler(new RunErrors());
        return cl;
    }

    public static int execute(CommandLine cl, String... args) {
        return cl.execute(args);
    }

    /** Runs the command and exits the JVM with its code. */
    public static void main(Object command, String... args) {
        run(() -> commandLine(command), args);
    }

    /** Runs the command line {@code commandLine} makes and exits the JVM with its code. */
    public static void run(Supplier<CommandLine> commandLine, String... args) {
        ShutdownGuards.exitWithParentIfAsked();
        System.exit(commandLine.get().execute(args));
    }

    private static String name(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName();
    }

    private static void printHint(CommandLine cl, PrintWriter err) {
        err.println("Try '" + name(cl) + " --help' for more information.");
        err.flush();
    }

    static final class UsageErrors implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cl = ex.getCommandLine();
            PrintWriter err = cl.getErr();
            err.println(name(cl) + ": " + ex.getMessage());
            err.println("Usage: " + cl.getHelp().abbreviatedSynopsis().strip());
            printHint(cl, err);
            return CliException.USAGE;
        }
    }

    static final class RunErrors implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
            Throwable cause = Errors.unwrap(ex);
            PrintWriter err = cl.getErr();
            if (cause instanceof ConfigException config) {
                LOG.error("configuration error: {}", config.getMessage());
                err.println(name(cl) + ": " + config.getMessage());
                printHint(cl, err);
                return CliException.USAGE;
            }
            if (cause instanceof CliException cli) {
                LOG.error("{}", cli.getMessage(), cli.getCause());
                err.println(name(cl) + ": " + cli.getMessage());
                if (cli.exitCode() == CliException.USAGE) {
                    printHint(cl, err);
                } else {
                    err.flush();
                }
                return cli.exitCode();
            }
            LOG.error("unexpected failure", cause);
            err.println(name(cl) + ": unexpected error: " + Errors.describe(cause) + " (details in the log file)");
            err.flush();
            return CliException.RUNTIME;
        }
    }
}
