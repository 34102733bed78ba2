package io.mirrorconnect.ddl.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Java stack trace as Kafka Connect reports it ({@code trace} of a FAILED connector or task: the text of
 * {@code Throwable.printStackTrace}) says about the failure: its <em>root cause</em>, the header of the innermost
 * top-level {@code Caused by:} section (the whole trace's first line when there is none), and the first
 * <em>project frame</em>, the topmost {@code io.mirrorconnect.} frame on the root cause's stack.
 *
 * <p>Connect wraps a task's exception in its own ("Exiting WorkerSinkTask due to unrecoverable exception."), so
 * the first line says nothing; the innermost cause and the place in our code that met it do. A cause's frames
 * shared with the exception that encloses it are printed as {@code ... N more}; they are restored here from the
 * enclosing section, so a project frame elided that way is still found. When the root cause's stack has no
 * project frame at all (thrown on a library's own thread, e.g. an HTTP client's), the enclosing causes are
 * searched outward and the first that has one gives it. {@code Suppressed:} sections (indented) are not on the
 * cause chain and are skipped.
 *
 * <p>The root cause often lacks the context our code added on the way out ("out of range [0, 255]": which
 * mirror, record, column, value?). So {@link #reportedAs} is the header of the <em>outermost</em> cause that is
 * ours, an {@code io.mirrorconnect.} class or thrown by an {@code io.mirrorconnect.} frame (Connect's wrapper
 * is neither), when that is not the root cause itself. Pure: parses text, no I/O.
 */
public record FailureTrace(String rootCause, Optional<String> projectFrame, Optional<String> reportedAs) {
    /** Frames of classes in this package prefix are the project's own. */
    public static final String PROJECT_PACKAGE = "io.mirrorconnect.";

    private static final String CAUSED_BY = "Caused by: ";
    private static final Pattern FRAME = Pattern.compile("^\\tat (.+)$");
    private static final Pattern MORE = Pattern.compile("^\\t\\.\\.\\. (\\d+) (more|common frames omitted)$");

    /** Analyses a trace; a blank trace gives a blank root cause. */
    public static FailureTrace parse(String trace) {
        List<Section> sections = sections(trace == null ? "" : trace);
        if (sections.isEmpty()) {
            return new FailureTrace("", Optional.empty(), Optional.empty());
        }
        List<List<String>> stacks = new ArrayList<>();
        List<String> enclosing = List.of();
        for (Section s : sections) {
            List<String> full = new ArrayList<>(s.frames);
            int common = Math.min(s.elided, enclosing.size());
            full.addAll(enclosing.subList(enclosing.size() - common, enclosing.size()));
            stacks.add(full);
            enclosing = full;
        }
        Optional<String> frame = Optional.empty();
        for (int i = stacks.size() - 1; i >= 0 && frame.isEmpty(); i--) {
            frame = stacks.get(i).stream().filter(f -> f.startsWith(PROJECT_PACKAGE)).findFirst();
        }
        Optional<String> reportedAs = Optional.empty();
        for (int i = 0; i < stacks.size() - 1 && reportedAs.isEmpty(); i++) {
            if (projectClass(sections.get(i).header) || thrownByProject(stacks.get(i))) {
                reportedAs = Optional.of(sections.get(i).header);
            }
        }
        return new FailureTrace(sections.get(sections.size() - 1).header, frame, reportedAs);
    }

    /** Whether the header's exception class ("class: message" or "class") is one of ours. */
    private static boolean projectClass(String header) {
        return header.startsWith(PROJECT_PACKAGE);
    }

    private static boolean thrownByProject(List<String> stack) {
        return !stack.isEmpty() && stack.get(0).startsWith(PROJECT_PACKAGE);
    }

    /** One throwable of the cause chain: its header ("class: message", possibly several lines) and frames. */
    private record Section(String header, List<String> frames, int elided) {
    }

    private static List<Section> sections(String trace) {
        List<Section> out = new ArrayList<>();
        StringBuilder header = null;
        List<String> frames = new ArrayList<>();
        int elided = 0;
        boolean inFrames = false;
        for (String line : trace.strip().split("\\R")) {
            if (line.startsWith("\t\t") || line.startsWith("\tSuppressed: ") || line.startsWith("\tCaused by: ")) {
                inFrames = true; // a Suppressed: section and what it holds, indented: not on the cause chain
                continue;
            }
            Matcher frame = FRAME.matcher(line);
            Matcher more = MORE.matcher(line);
            boolean causedBy = line.startsWith(CAUSED_BY);
            if (header == null || causedBy) {
                if (header != null) {
                    out.add(new Section(header.toString(), frames, elided));
                }
                header = new StringBuilder(causedBy ? line.substring(CAUSED_BY.length()) : line);
                frames = new ArrayList<>();
                elided = 0;
                inFrames = false;
            } else if (frame.matches()) {
                frames.add(frame.group(1));
                inFrames = true;
            } else if (more.matches()) {
                elided = Integer.parseInt(more.group(1));
                inFrames = true;
            } else if (!inFrames) {
                header.append('\n').append(line); // a message of several lines
            }
        }
        if (header != null) {
            out.add(new Section(header.toString(), frames, elided));
        }
        return out;
    }
}
