package dev.stt.e2e.recovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The API or a worker, started from the jar the build made, with the environment the test gives it. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port = Processes.freePort();
    final Path log;
    private final Path jar;
    private final Map<String, String> env;
    private Process process;

    public ServiceProcess(String name, Path jar, Path logDir, Map<String, String> env) {
        this.name = name;
        this.jar = jar;
        this.log = logDir.resolve(name + ".log");
        this.env = env;
    }

    public ServiceProcess start() {
        if (!jar.toFile().isFile()) {
            throw new AssertionError(jar + " is missing: build the services first (mvn -DskipTests package)");
        }
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx384m", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public void awaitReady() {
        try {
            Processes.await(name + " to be ready on port " + port, Duration.ofSeconds(120),
                    () -> !process.isAlive() || ready());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + Processes.tail(log, 60), e);
        }
        if (!process.isAlive()) {
            throw new AssertionError(name + " exited before it was ready\n" + Processes.tail(log, 60));
        }
    }

    /** SIGKILL: no shutdown hook, no goodbye; whatever it held stays pending. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the orderly stop a deployment does; returns once the process has exited. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private boolean ready() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
