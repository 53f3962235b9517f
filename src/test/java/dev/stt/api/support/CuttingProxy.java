package dev.stt.api.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay in front of a real server that a test can tell to break: after {@link #holdResponsesAfter} it relays only
 * that many more response bytes and holds the connection that goes over until the test decides: {@link #cutHeld}
 * resets it, as a storage node dying mid-transfer does, {@link #heal} lets it go on.
 */
public final class CuttingProxy implements AutoCloseable {

    private static final Duration HOLD_AT_MOST = Duration.ofSeconds(30);

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final AtomicLong responseBudget = new AtomicLong(Long.MAX_VALUE);
    private final AtomicInteger cuts = new AtomicInteger();
    /** Completes with true to cut the held connections, false to let them go on. */
    private volatile CompletableFuture<Boolean> verdict = CompletableFuture.completedFuture(false);

    private CuttingProxy(ServerSocket server, String targetHost, int targetPort) {
        this.server = server;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    public static CuttingProxy start(String targetHost, int targetPort) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            CuttingProxy proxy = new CuttingProxy(server, targetHost, targetPort);
            daemon("cutting-proxy-accept", proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the proxy's port", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** From now on, relay at most {@code bytes} more bytes of responses (over all connections), then hold. */
    public synchronized void holdResponsesAfter(long bytes) {
        verdict = new CompletableFuture<>();
        responseBudget.set(bytes);
    }

    /** Resets the held connections, and any that goes over the budget from now on. */
    public void cutHeld() {
        verdict.complete(true);
    }

    /** From now on, relay at most {@code bytes} more bytes of responses, then reset the connection. */
    public synchronized void cutResponsesAfter(long bytes) {
        holdResponsesAfter(bytes);
        cutHeld();
    }

    /** No limit any more; held connections go on. */
    public synchronized void heal() {
        responseBudget.set(Long.MAX_VALUE);
        verdict.complete(false);
    }

    /** How many connections were cut. */
    public int cuts() {
        return cuts.get();
    }

    @Override
    public void close() {
        closeQuietly(server);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                daemon("cutting-proxy-request", () -> relay(client, upstream, false));
                daemon("cutting-proxy-response", () -> relay(upstream, client, true));
            } catch (IOException e) {
                // closed, or the target refused: the client sees its connection end
            }
        }
    }

    private void relay(Socket from, Socket to, boolean response) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (response && responseBudget.addAndGet(-n) < 0 && cutOnVerdict()) {
                    cuts.incrementAndGet();
                    to.setSoLinger(true, 0); // a reset, not an orderly end
                    break;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // either side went away; both are closed below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private boolean cutOnVerdict() {
        try {
            return verdict.get(HOLD_AT_MOST.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return true;
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
