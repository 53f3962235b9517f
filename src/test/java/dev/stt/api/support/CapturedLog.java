package dev.stt.api.support;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The application's log records while a test runs (Quarkus logs through the JDK logging API). */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new ArrayList<>();

    private CapturedLog() {
    }

    public static CapturedLog start() {
        CapturedLog log = new CapturedLog();
        Logger.getLogger("").addHandler(log);
        return log;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    /** Records at WARNING or above. */
    public synchronized List<LogRecord> warnings() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    }

    /** Records that print a stack trace at the levels a deployment logs (INFO and above). */
    public synchronized List<LogRecord> withStackTraces() {
        return records.stream().filter(r -> r.getThrown() != null && r.getLevel().intValue() >= Level.INFO.intValue()).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
