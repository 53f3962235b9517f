package dev.stt.api.events;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the resource method that streams a job's events: {@link EventStreamOpening} opens the stream before it runs,
 * so every refusal (unknown job, too many streams, nothing new) is a normal answer, not a broken event stream.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@interface OpensEventStream {
}
