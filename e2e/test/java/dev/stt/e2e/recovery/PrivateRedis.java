package dev.stt.e2e.recovery;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A Redis of the test's own on a free port, data in a temp dir, so it can be stopped and started mid-run without
 * touching the Redis everybody else uses. Every write is fsynced, as a deployment that must not lose queued work would.
 */
final class PrivateRedis {

    final int port = Processes.freePort();
    private final Path dir;

    PrivateRedis(Path dir) {
        this.dir = dir;
    }

    void start() {
        Processes.run(dir.resolve("redis-start.log"), "redis-server", "--daemonize", "yes", "--bind", "127.0.0.1",
                "--port", Integer.toString(port), "--dir", dir.toString(), "--pidfile", dir.resolve("redis.pid").toString(),
                "--logfile", dir.resolve("redis.log").toString(), "--appendonly", "yes", "--appendfsync", "always",
                "--save", "");
        Processes.await("Redis on port " + port, Duration.ofSeconds(30), this::answers);
    }

    /** A clean shutdown (the append-only file is complete), as a restart by an operator or Kubernetes does. */
    void stop() {
        if (answers()) {
            Processes.output("redis-cli", "-p", Integer.toString(port), "shutdown");
        }
        Processes.await("Redis on port " + port + " to stop", Duration.ofSeconds(30), () -> !answers());
    }

    boolean answers() {
        try {
            return cli("ping").strip().equals("PONG");
        } catch (AssertionError e) {
            return false;
        }
    }

    String cli(String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "redis-cli";
        command[1] = "-p";
        command[2] = Integer.toString(port);
        System.arraycopy(args, 0, command, 3, args.length);
        return Processes.output(command);
    }

    long number(String... args) {
        return Long.parseLong(cli(args).strip().split("\\s+")[0]);
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }
}
