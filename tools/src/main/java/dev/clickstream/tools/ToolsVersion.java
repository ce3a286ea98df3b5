package dev.clickstream.tools;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "development" when run from classes. */
public final class ToolsVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = ToolsVersion.class.getPackage().getImplementationVersion();
        return new String[] {"clickstream-tools " + (version == null ? "development" : version)};
    }
}
