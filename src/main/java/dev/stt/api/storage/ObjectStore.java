package dev.stt.api.storage;

import dev.stt.api.config.ApiConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import mutiny.zero.flow.adapters.AdaptersToFlow;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The job bucket, as Mutiny calls. The SDK completes its futures on its own threads; every Uni here
 * resumes on the caller's Vert.x context, so a Hibernate Reactive session can carry on after it.
 */
@ApplicationScoped
public class ObjectStore {

    private final S3AsyncClient s3;
    private final String bucket;

    public ObjectStore(S3AsyncClient s3, ApiConfig config) {
        this.s3 = s3;
        this.bucket = config.s3().bucket();
    }

    public String bucket() {
        return bucket;
    }

    /** Streams a file to the bucket from disk, a buffer at a time. */
    public Uni<Void> putFile(String key, Path file, String contentType) {
        PutObjectRequest request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .contentType(contentType)
                .build();
        return onCallerContext(() -> s3.putObject(request, AsyncRequestBody.fromFile(file))).replaceWithVoid();
    }

    public Uni<byte[]> getBytes(String key) {
        GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(key).build();
        return onCallerContext(() -> s3.getObject(request, AsyncResponseTransformer.toBytes()))
                .map(response -> response.asByteArray());
    }

    /**
     * Opens an object for streaming: the Uni completes once S3 has answered (a missing object or an unreachable store
     * fails it), the body then flows as the subscriber asks for it, on the SDK's threads. Nothing is held whole.
     */
    public Uni<ObjectStream> open(String key) {
        GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(key).build();
        return onCallerContext(() -> s3.getObject(request, AsyncResponseTransformer.toPublisher()))
                .map(response -> new ObjectStream(response.response().contentLength(),
                        Multi.createFrom().publisher(AdaptersToFlow.publisher(response))));
    }

    /** An object's body, opened lazily when the Multi is subscribed. */
    public Multi<ByteBuffer> stream(String key) {
        return open(key).onItem().transformToMulti(ObjectStream::body);
    }

    public Uni<Void> delete(String key) {
        DeleteObjectRequest request = DeleteObjectRequest.builder().bucket(bucket).key(key).build();
        return onCallerContext(() -> s3.deleteObject(request)).replaceWithVoid();
    }

    /** Removes every object whose key starts with {@code prefix}, a listing page (up to 1000 keys) per batch delete. */
    public Uni<Long> deletePrefix(String prefix) {
        return deletePages(prefix, null, 0);
    }

    private Uni<Long> deletePages(String prefix, String continuationToken, long deletedSoFar) {
        ListObjectsV2Request list = ListObjectsV2Request.builder()
                .bucket(bucket)
                .prefix(prefix)
                .continuationToken(continuationToken)
                .build();
        return onCallerContext(() -> s3.listObjectsV2(list))
                .chain(page -> deleteKeys(page.contents().stream().map(S3Object::key).toList())
                        .chain(deleted -> page.isTruncated()
                                ? deletePages(prefix, page.nextContinuationToken(), deletedSoFar + deleted)
                                : Uni.createFrom().item(deletedSoFar + deleted)));
    }

    private Uni<Integer> deleteKeys(List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        DeleteObjectsRequest request = DeleteObjectsRequest.builder()
                .bucket(bucket)
                .delete(Delete.builder()
                        .objects(keys.stream().map(key -> ObjectIdentifier.builder().key(key).build()).toList())
                        .quiet(true)
                        .build())
                .build();
        return onCallerContext(() -> s3.deleteObjects(request))
                .invoke(response -> {
                    if (!response.errors().isEmpty()) {
                        throw new IllegalStateException("S3 refused to delete " + response.errors().size() + " object(s), e.g. "
                                + response.errors().get(0).key() + ": " + response.errors().get(0).message());
                    }
                })
                .replaceWith(keys.size());
    }

    public Uni<Void> checkBucket() {
        return onCallerContext(() -> s3.headBucket(HeadBucketRequest.builder().bucket(bucket).build()))
                .replaceWithVoid();
    }

    private static <T> Uni<T> onCallerContext(Supplier<CompletableFuture<T>> call) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            Uni<T> result = Uni.createFrom().completionStage(call);
            return context == null ? result : result.emitOn(task -> context.runOnContext(ignored -> task.run()));
        });
    }
}
