package dev.stt.worker.storage;

import dev.stt.worker.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/** The job bucket for the worker: blocking calls, made from worker threads only, streaming to and from files. */
@ApplicationScoped
public class ObjectStore {

    /** S3's limit for one DeleteObjects call. */
    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final String bucket;

    public ObjectStore(S3Client s3, WorkerConfig config) {
        this.s3 = s3;
        this.bucket = config.s3().bucket();
    }

    public String bucket() {
        return bucket;
    }

    public void download(String key, Path target) throws java.io.IOException {
        Files.deleteIfExists(target);
        s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toFile(target));
    }

    public void upload(String key, Path source, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(source));
    }

    public void putText(String key, String text, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType),
                RequestBody.fromString(text, StandardCharsets.UTF_8));
    }

    /** Deletes the objects with batched DeleteObjects calls (up to 1000 keys each); missing keys are fine. */
    public void deleteAll(List<String> keys) {
        for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH)).stream()
                    .map(key -> ObjectIdentifier.builder().key(key).build())
                    .toList();
            DeleteObjectsResponse response = s3.deleteObjects(DeleteObjectsRequest.builder()
                    .bucket(bucket)
                    .delete(Delete.builder().objects(batch).quiet(true).build())
                    .build());
            if (!response.errors().isEmpty()) {
                throw new IllegalStateException("S3 refused to delete " + response.errors().size() + " object(s), e.g. "
                        + response.errors().get(0).key() + ": " + response.errors().get(0).message());
            }
        }
    }

    /** Every key under the prefixes, listed page by page. */
    public List<String> keysUnder(List<String> prefixes) {
        List<String> keys = new ArrayList<>();
        for (String prefix : prefixes) {
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().forEach(o -> keys.add(o.key()));
        }
        return keys;
    }

    public void checkBucket() {
        s3.headBucket(HeadBucketRequest.builder().bucket(bucket).build());
    }
}
