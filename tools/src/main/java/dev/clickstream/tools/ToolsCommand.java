package dev.clickstream.tools;

import dev.clickstream.common.cli.AppVersion;
import dev.clickstream.common.cli.Cli;
import dev.clickstream.common.cli.CliException;
import dev.clickstream.tools.delete.DeleteResourcesCommand;
import dev.clickstream.tools.verify.VerifyArchiveCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** {@code java -jar clickstream-tools.jar COMMAND}: operational commands for the clickstream resources. */
@Command(name = "clickstream-tools",
        mixinStandardHelpOptions = true,
        versionProvider = AppVersion.class,
        description = "Operational commands for the clickstream AWS resources.",
        subcommands = {DeleteResourcesCommand.class, VerifyArchiveCommand.class, HelpCommand.class})
public final class ToolsCommand implements Callable<Integer> {

    public static void main(String[] args) {
        Cli.main(new ToolsCommand(), args);
    }

    @Override
    public Integer call() {
        throw CliException.usage("a command is required (delete-resources, verify-archive)");
    }
}
