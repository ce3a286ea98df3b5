package dev.clickstream.common.cli;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The version line of every command: the command's name and the Implementation-Version of the
 * jar its class came from, or "development" when run from classes.
 */
public final class AppVersion implements IVersionProvider {
    @Spec
    CommandSpec spec;

    @Override
    public String[] getVersion() {
        CommandSpec root = spec.root();
        Object command = root.userObject();
        String version = command == null ? null : command.getClass().getPackage().getImplementationVersion();
        return new String[] {root.name() + " " + (version == null ? "development" : version)};
    }
}
