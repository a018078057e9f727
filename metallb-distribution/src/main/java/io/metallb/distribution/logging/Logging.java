package io.metallb.distribution.logging;

import java.io.PrintStream;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Sends every log line of the process to standard output in one format: our modules log through
 * {@link System.Logger} (java.util.logging without another provider), fabric8 and pcap4j through SLF4J 1.7 bound
 * to java.util.logging by slf4j-jdk14, so one root handler formats them all.
 */
public final class Logging {

    /** {@code --log-format}. */
    public enum Format {
        TEXT, JSON;

        Formatter formatter() {
            return this == JSON ? new JsonLogFormatter() : new TextLogFormatter();
        }
    }

    /** {@code --log-level}, MetalLB's names. */
    public enum Threshold {
        ALL(Level.ALL), DEBUG(Level.FINE), INFO(Level.INFO), WARN(Level.WARNING), ERROR(Level.SEVERE),
        NONE(Level.OFF);

        private final Level level;

        Threshold(Level level) {
            this.level = level;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private Logging() {
    }

    /** Replaces the root logger's handlers by one writing {@code format} at {@code threshold} to {@code out}. */
    public static void configure(Format format, Threshold threshold, PrintStream out) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Handler handler = new StreamHandler(out, format.formatter()) {
            @Override
            public synchronized void publish(java.util.logging.LogRecord record) {
                super.publish(record);
                flush(); // a line is out when logged: a container's log reader sees it at once
            }

            @Override
            public synchronized void close() {
                flush(); // never close standard output
            }
        };
        handler.setLevel(threshold.level);
        root.addHandler(handler);
        root.setLevel(threshold.level);
    }
}
