package io.metallb.distribution.logging;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per line: {@code ts} (RFC 3339, UTC, milliseconds), {@code level} (MetalLB's level names),
 * {@code logger}, {@code msg}, then the fields {@code thread} and, with an exception, {@code error} (its
 * message) and {@code stacktrace}. Jackson (already on the module path for fabric8) does the escaping.
 */
public final class JsonLogFormatter extends Formatter {

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public String format(LogRecord record) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("ts", LogLines.timestamp(record));
            json.writeStringField("level", LogLines.level(record.getLevel()));
            json.writeStringField("logger", String.valueOf(record.getLoggerName()));
            json.writeStringField("msg", formatMessage(record));
            json.writeStringField("thread", LogLines.thread(record));
            if (record.getThrown() != null) {
                json.writeStringField("error", String.valueOf(record.getThrown()));
                json.writeStringField("stacktrace", LogLines.stackTrace(record.getThrown()));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }
}
