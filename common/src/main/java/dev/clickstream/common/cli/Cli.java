package dev.clickstream.common.cli;

import dev.clickstream.common.config.ConfigException;
import dev.clickstream.common.errors.Errors;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

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
            String message = ex instanceof UnmatchedArgumentException unmatched ? describe(unmatched, args) : ex.getMessage();
            err.println(name(cl) + ": " + message);
            err.println("Usage: " + cl.getHelp().abbreviatedSynopsis().strip());
            printHint(cl, err);
            return CliException.USAGE;
        }

        /**
         * Names unknown options without their values and never echoes a stray argument: either may be
         * a secret typed after a mistyped option ({@code --aws-credentials-providr=Static...|KEY|SECRET}).
         */
        static String describe(UnmatchedArgumentException ex, String[] args) {
            List<String> options = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            List<String> unmatched = new ArrayList<>(ex.getUnmatched());
            for (int i = 0; i < args.length && !unmatched.isEmpty(); i++) {
                if (unmatched.remove(args[i])) {
                    if (args[i].startsWith("-") && args[i].length() > 1) {
                        int eq = args[i].indexOf('=');
                        options.add("'" + (eq < 0 ? args[i] : args[i].substring(0, eq)) + "'");
                    } else {
                        positions.add(i + 1);
                    }
                }
            }
            StringBuilder out = new StringBuilder();
            if (!options.isEmpty()) {
                out.append(options.size() == 1 ? "Unknown option: " : "Unknown options: ").append(String.join(", ", options));
                List<String> suggestions = ex.getSuggestions();
                if (!suggestions.isEmpty()) {
                    out.append(" (did you mean ").append(String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))))
                            .append("?)");
                }
            }
            if (!positions.isEmpty()) {
                out.append(out.length() == 0 ? "Unexpected argument" : "; unexpected argument")
                        .append(positions.size() == 1 ? " at position " : "s at positions ")
                        .append(positions.stream().map(String::valueOf).collect(Collectors.joining(", ")))
                        .append(" (not echoed: it may hold a secret)");
            }
            return out.length() == 0 ? "Unknown arguments" : out.toString();
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
                // whatever call met it first, missing credentials are said the same way everywhere
                String message = cli.getMessage().startsWith("no AWS credentials") ? cli.getMessage()
                        : Errors.missingCredentials(cli.getCause()).orElse(cli.getMessage());
                err.println(name(cl) + ": " + message);
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
