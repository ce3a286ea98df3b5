package dev.clickstream.tools;

import dev.clickstream.common.cli.AppVersion;
import dev.clickstream.common.cli.Cli;
import dev.clickstream.common.cli.CliException;
import dev.clickstream.common.cli.ConfigOptions;
import dev.clickstream.tools.archive.ArchiveProperties;
import dev.clickstream.tools.delete.DeleteResourcesCommand;
import dev.clickstream.tools.replay.ReplayCommand;
import dev.clickstream.tools.verify.VerifyArchiveCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** {@code java -jar clickstream-tools.jar COMMAND}: operational commands for the clickstream resources. */
@Command(name = "clickstream-tools",
        mixinStandardHelpOptions = true,
        versionProvider = AppVersion.class,
        description = "Operational commands for the clickstream AWS resources.",
        subcommands = {DeleteResourcesCommand.class, VerifyArchiveCommand.class, ReplayCommand.class,
            HelpCommand.class})
public final class ToolsCommand implements Callable<Integer> {

    public static void main(String[] args) {
        Cli.run(ToolsCommand::commandLine, args);
    }

    /** The command line with one option per configuration key on the commands that read the consumer's file. */
    public static CommandLine commandLine() {
        CommandLine cl = Cli.commandLine(new ToolsCommand());
        ConfigOptions.addTo(cl.getSubcommands().get("verify-archive").getCommandSpec(),
                ArchiveProperties.CONSUMER_KEYS);
        ConfigOptions.addTo(cl.getSubcommands().get("replay").getCommandSpec(), ArchiveProperties.ARCHIVE_KEYS);
        return cl;
    }

    @Override
    public Integer call() {
        throw CliException.usage("a command is required (delete-resources, verify-archive, replay)");
    }
}
