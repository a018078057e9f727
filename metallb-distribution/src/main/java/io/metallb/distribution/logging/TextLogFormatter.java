package io.metallb.distribution.logging;

import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One line per record, {@code 2026-11-22T04:30:00.123Z info  [thread] logger: message}; an exception follows
 * on the next lines as its stack trace.
 */
public final class TextLogFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160).append(LogLines.timestamp(record)).append(' ')
                .append(String.format("%-5s", LogLines.level(record.getLevel()))).append(" [")
                .append(LogLines.thread(record)).append("] ").append(record.getLoggerName()).append(": ")
                .append(formatMessage(record)).append('\n');
        if (record.getThrown() != null) {
            line.append(LogLines.stackTrace(record.getThrown()));
        }
        return line.toString();
    }
}
