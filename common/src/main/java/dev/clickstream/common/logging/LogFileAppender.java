package dev.clickstream.common.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The applications' log file, with a decided behaviour when the file cannot be written: one line on
 * stderr naming the directory and the reason, then warnings and errors go to stderr and the run
 * goes on (a read-only or mistyped LOG_DIR must not stop a consumer that is otherwise fine).
 * Logback's own reaction is some 70 lines of status and a stack trace, and no log at all.
 */
public final class LogFileAppender extends FileAppender<ILoggingEvent> {
    private volatile boolean console;

    @Override
    public void start() {
        String problem = getFile() == null ? null : problem(Path.of(getFile()).toAbsolutePath());
        if (problem == null) {
            super.start();
            return;
        }
        Path dir = Path.of(getFile()).toAbsolutePath().getParent();
        System.err.println("warning: cannot write the log file in " + dir + " (" + problem + "); warnings and errors "
                + "go to the console instead (set LOG_DIR to a writable directory)");
        System.err.flush();
        setOutputStream(new FilterOutputStream(System.err) {
            @Override
            public void write(byte[] bytes, int offset, int length) {
                System.err.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush(); // stderr is not ours to close
            }
        });
        console = true;
        started = true;
    }

    @Override
    protected void subAppend(ILoggingEvent event) {
        if (console && !event.getLevel().isGreaterOrEqual(Level.WARN)) {
            return;
        }
        super.subAppend(event);
    }

    /** Why the file cannot be written, or null when it can. */
    static String problem(Path file) {
        Path dir = file.getParent();
        try {
            Files.createDirectories(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return e.getFile() + " exists and is not a directory";
        } catch (java.nio.file.AccessDeniedException e) {
            return "permission denied";
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } catch (SecurityException e) {
            return "not allowed";
        }
        if (!Files.isWritable(dir) || (Files.exists(file) && !Files.isWritable(file))) {
            return "not writable";
        }
        if (Files.isDirectory(file)) {
            return file + " is a directory";
        }
        return null;
    }
}
