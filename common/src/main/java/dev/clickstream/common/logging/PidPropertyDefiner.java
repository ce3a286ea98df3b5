package dev.clickstream.common.logging;

import ch.qos.logback.core.PropertyDefinerBase;

/**
 * Gives logback the process id, for the original samples' log pattern
 * {@code %d (PID: …) %p %c - %m}. Used from logback.xml as a {@code <define>}.
 */
public final class PidPropertyDefiner extends PropertyDefinerBase {
    @Override
    public String getPropertyValue() {
        return Long.toString(ProcessHandle.current().pid());
    }
}
