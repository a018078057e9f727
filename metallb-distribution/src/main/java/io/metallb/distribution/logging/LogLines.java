package io.metallb.distribution.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/** What the text and JSON formats share: the timestamp, level names, thread and stack trace of a record. */
final class LogLines {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private LogLines() {
    }

    static String timestamp(LogRecord record) {
        return TS.format(record.getInstant());
    }

    /** MetalLB's level names: error, warn, info, debug. */
    static String level(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "error";
        } else if (v >= Level.WARNING.intValue()) {
            return "warn";
        } else if (v >= Level.INFO.intValue()) {
            return "info";
        }
        return "debug";
    }

    /** The thread's name when it is the one logging (the usual case), else its id. */
    static String thread(LogRecord record) {
        Thread current = Thread.currentThread();
        return current.getId() == record.getLongThreadID() ? current.getName()
                : "thread-" + record.getLongThreadID();
    }

    static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
