package dev.stt.e2e.recovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own (initdb in a temp dir, pg_ctl on a free port), so the test can restart it
 * mid-run while the shared server keeps serving everybody else. Runs as the postgres user when the test runs as root.
 */
final class PrivatePostgres {

    /** The newest installed server's binaries (Debian keeps initdb and pg_ctl off the PATH). */
    private static final Path BIN = newestServer();

    final int port = Processes.freePort();
    private final Path dir;
    private final Path data;

    PrivatePostgres(Path dir) {
        this.dir = dir;
        this.data = dir.resolve("pgdata");
    }

    void create() {
        try {
            Files.createDirectories(data);
            if (Processes.isRoot()) {
                // the server runs as postgres: it must reach its directory through the (root-only) temp dir
                Processes.output("chmod", "755", dir.getParent().toString());
                Processes.output("chown", "-R", "postgres:postgres", dir.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pg(dir.resolve("initdb.log"), "initdb", "-D", data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8");
        start();
        psql("CREATE ROLE stt LOGIN PASSWORD 'stt'");
        psql("CREATE DATABASE stt OWNER stt");
    }

    void start() {
        pg(dir.resolve("pg_ctl.log"), "pg_ctl", "-D", data.toString(), "-l", dir.resolve("postgres.log").toString(), "-w",
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start");
    }

    /** A fast shutdown: open connections are cut, as when the database is restarted under load. */
    void stop() {
        pg(dir.resolve("pg_ctl.log"), "pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop");
    }

    void stopQuietly() {
        try {
            stop();
        } catch (AssertionError e) {
            // already stopped
        }
    }

    String psql(String sql) {
        return Processes.output("psql", "-X", "-q", "-tA", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres",
                "-d", sql.startsWith("CREATE") ? "postgres" : "stt", "-c", sql);
    }

    String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port + "/stt";
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/stt";
    }

    private static Path newestServer() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .orElseThrow(() -> new AssertionError("no PostgreSQL server under /usr/lib/postgresql"))
                    .resolve("bin");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pg(Path log, String program, String... args) {
        List<String> command = new ArrayList<>();
        command.add(BIN.resolve(program).toString());
        command.addAll(List.of(args));
        Processes.run(log, Processes.asPostgresUser(command.toArray(String[]::new)).toArray(String[]::new));
    }
}
