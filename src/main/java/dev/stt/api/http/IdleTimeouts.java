package dev.stt.api.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Lets one request's connection stay silent longer than {@code quarkus.http.idle-timeout} (which closes every
 * connection without traffic, so a client that never finishes its headers cannot stay): while a request deliberately
 * sends nothing until its answer is ready, its connection's idle handler is replaced by one with the longer timeout,
 * and the original is put back as soon as the response has ended. Every other connection keeps the normal timeout.
 *
 * <p>Vert.x offers no per-connection idle timeout, so this reaches the Netty channel through Vert.x's connection
 * class and swaps the handler Vert.x installed under the name {@code idle}; a count per channel keeps concurrent
 * HTTP/2 streams (or a pipelined request) from putting the short timeout back while another still waits.
 */
public final class IdleTimeouts {

    private static final Logger LOG = Logger.getLogger(IdleTimeouts.class);
    private static final String HANDLER = "idle";
    private static final AttributeKey<Extension> EXTENSION = AttributeKey.valueOf("stt.idle-timeout-extension");

    /** The handler Vert.x installed, and how many requests on the channel hold the longer timeout now. */
    private static final class Extension {
        final long readerMillis;
        final long writerMillis;
        final long allMillis;
        int holders;

        Extension(IdleStateHandler original) {
            this.readerMillis = original.getReaderIdleTimeInMillis();
            this.writerMillis = original.getWriterIdleTimeInMillis();
            this.allMillis = original.getAllIdleTimeInMillis();
        }
    }

    private IdleTimeouts() {
    }

    /** Allows this request's connection {@code silence} without traffic, until the response has ended. */
    public static void extend(RoutingContext context, Duration silence) {
        HttpConnection connection = context.request().connection();
        if (!(connection instanceof ConnectionBase base)) {
            LOG.debugf("No idle timeout to extend on a %s", connection == null ? null : connection.getClass());
            return;
        }
        Channel channel = base.channel();
        channel.eventLoop().execute(() -> hold(channel, silence.toMillis()));
        context.addEndHandler(ended -> channel.eventLoop().execute(() -> letGo(channel)));
    }

    private static void hold(Channel channel, long silenceMillis) {
        ChannelPipeline pipeline = channel.pipeline();
        Extension extension = channel.attr(EXTENSION).get();
        if (extension == null) {
            ChannelHandler current = pipeline.get(HANDLER);
            if (!(current instanceof IdleStateHandler original)) {
                return;
            }
            extension = new Extension(original);
            channel.attr(EXTENSION).set(extension);
            pipeline.replace(HANDLER, HANDLER, new IdleStateHandler(longer(extension.readerMillis, silenceMillis),
                    longer(extension.writerMillis, silenceMillis), longer(extension.allMillis, silenceMillis),
                    TimeUnit.MILLISECONDS));
        }
        extension.holders++;
    }

    private static void letGo(Channel channel) {
        Extension extension = channel.attr(EXTENSION).get();
        if (extension == null || --extension.holders > 0) {
            return;
        }
        channel.attr(EXTENSION).set(null);
        if (channel.isActive() && channel.pipeline().get(HANDLER) != null) {
            channel.pipeline().replace(HANDLER, HANDLER, new IdleStateHandler(extension.readerMillis, extension.writerMillis,
                    extension.allMillis, TimeUnit.MILLISECONDS));
        }
    }

    /** A timeout that is off (0) stays off; one that is on becomes at least {@code silence}. */
    private static long longer(long millis, long silenceMillis) {
        return millis <= 0 ? 0 : Math.max(millis, silenceMillis);
    }
}
