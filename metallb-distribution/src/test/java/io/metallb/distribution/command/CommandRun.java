package io.metallb.distribution.command;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the {@code metallb} command: its exit code and what it printed. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Metallb.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CommandRun(code, out.toString(), err.toString());
    }
}
