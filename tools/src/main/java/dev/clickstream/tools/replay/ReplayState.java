package dev.clickstream.tools.replay;

import dev.clickstream.common.cli.CliException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A replay's progress per source object, kept in a local append-only journal. Before each
 * PutRecords call it appends which records of which objects the call carries ({@code sending});
 * once every record of it is acknowledged, {@code acked}; once an object is put to its end,
 * {@code done}. A replay killed at any point (kill -9 included) and started again with --resume
 * skips what was acknowledged and resends the call that was in flight: those records, and no
 * others, may be in the stream twice.
 *
 * <p>A file, not a DynamoDB table: a replay is one process run by one operator, the journal costs
 * no AWS resource or permission, and it can be read and deleted by hand. Lines are appended
 * without fsync: a killed process loses nothing the operating system was given; a line torn by a
 * machine crash is ignored, which at worst resends one more call.
 */
final class ReplayState implements AutoCloseable {
    private static final String HEADER = "# clickstream-tools replay state: one line per PutRecords call; "
            + "delete this file to replay from the start";

    /** Records {@code from} (inclusive) to {@code to} (exclusive) of an object, by position in it. */
    record Segment(String key, long from, long to, boolean toTheEnd) {}

    /** What a previous run left: records acknowledged per object, objects done, and the call in flight. */
    record Progress(Map<String, Long> acknowledged, Set<String> done, long inFlightRecords, boolean complete) {
        long acknowledged(String key) {
            return acknowledged.getOrDefault(key, 0L);
        }
    }

    private final Path file;
    private final Writer out;
    private long calls;

    private ReplayState(Path file, Writer out, long calls) {
        this.file = file;
        this.out = out;
        this.calls = calls;
    }

    /** Starts a new journal; exit 2 if one is there (a second full replay is what --resume prevents). */
    static ReplayState create(Path file, String selection) {
        if (Files.exists(file)) {
            throw CliException.usage("state file " + file + " exists from an earlier replay: add --resume to "
                    + "continue it, or delete the file to replay everything again");
        }
        try {
            Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            ReplayState state = new ReplayState(file, out, 0);
            state.append(HEADER);
            state.append("selection\t" + selection);
            return state;
        } catch (IOException e) {
            throw CliException.usage("cannot write state file " + file + ": " + e.getMessage());
        }
    }

    /** A journal continued, and what the runs before left. */
    record Resumed(ReplayState state, Progress progress) {}

    /** Reads the journal of an earlier run of the same selection and continues it. */
    static Resumed resume(Path file, String selection) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CliException.usage("--resume: no state file " + file + " (run without --resume to start)");
        } catch (IOException e) {
            throw CliException.usage("cannot read state file " + file + ": " + e.getMessage());
        }
        String recorded = lines.stream().filter(l -> l.startsWith("selection\t")).findFirst()
                .map(l -> l.substring("selection\t".length()))
                .orElseThrow(() -> CliException.usage("state file " + file + " is not a replay state file"));
        if (!recorded.equals(selection)) {
            throw CliException.usage("--resume: state file " + file + " is of another replay (" + recorded
                    + "); give the same options, or another --state file");
        }
        long calls = lines.stream().filter(l -> l.startsWith("sending\t")).count();
        try {
            boolean torn = Files.size(file) > 0 && !Files.readString(file, StandardCharsets.UTF_8).endsWith("\n");
            Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            ReplayState state = new ReplayState(file, out, calls);
            // a line torn by a crash must not glue onto the next one
            state.append((torn ? "\n" : "") + "resumed");
            return new Resumed(state, parse(lines));
        } catch (IOException e) {
            throw CliException.usage("cannot write state file " + file + ": " + e.getMessage());
        }
    }

    static Progress parse(List<String> lines) {
        Map<String, Long> acknowledged = new HashMap<>();
        Set<String> done = new HashSet<>();
        Map<String, List<Segment>> pending = new HashMap<>();
        boolean complete = false;
        for (String line : lines) {
            String[] f = line.split("\t");
            switch (f[0]) {
                case "sending" -> {
                    try {
                        pending.put(f[1], segments(f));
                    } catch (RuntimeException torn) {
                        // the last line, cut by a crash: its call was never made
                    }
                }
                case "acked" -> {
                    List<Segment> acked = f.length >= 2 ? pending.remove(f[1]) : null;
                    if (acked != null) {
                        for (Segment s : acked) {
                            acknowledged.merge(s.key(), s.to(), Math::max);
                        }
                    }
                }
                case "done" -> {
                    if (f.length >= 2) {
                        done.add(decode(f[1]));
                    }
                }
                case "complete" -> complete = true;
                default -> { } // header, selection, resumed, or a torn line
            }
        }
        long inFlight = pending.values().stream().flatMap(List::stream)
                .mapToLong(s -> s.to() - Math.max(s.from(), acknowledged.getOrDefault(s.key(), 0L)))
                .filter(n -> n > 0).sum();
        return new Progress(acknowledged, done, inFlight, complete);
    }

    private static List<Segment> segments(String[] f) {
        return Arrays.stream(f, 3, f.length).map(text -> {
            int b = text.lastIndexOf(':');
            int a = text.lastIndexOf(':', b - 1);
            return new Segment(decode(text.substring(0, a)), Long.parseLong(text.substring(a + 1, b)),
                    Long.parseLong(text.substring(b + 1)), false);
        }).toList();
    }

    /** Before a call: which records it carries. Returns the call's number. */
    long sending(List<Segment> segments, int records) {
        long call = ++calls;
        StringBuilder line = new StringBuilder("sending\t").append(call).append('\t').append(records);
        for (Segment s : segments) {
            line.append('\t').append(encode(s.key())).append(':').append(s.from()).append(':').append(s.to());
        }
        append(line.toString());
        return call;
    }

    /** After every record of the call is acknowledged; objects it put to their end are done. */
    void acked(long call, List<Segment> segments) {
        append("acked\t" + call);
        for (Segment s : segments) {
            if (s.toTheEnd()) {
                done(s.key());
            }
        }
    }

    void done(String key) {
        append("done\t" + encode(key));
    }

    void complete() {
        append("complete");
    }

    Path file() {
        return file;
    }

    private void append(String line) {
        try {
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write state file " + file, e);
        }
    }

    private static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close state file " + file, e);
        }
    }
}
