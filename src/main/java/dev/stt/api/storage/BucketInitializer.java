package dev.stt.api.storage;

import dev.stt.api.config.ApiConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Creates the job bucket at start when it is missing and {@code stt.s3.create-bucket} allows it. */
public class BucketInitializer {

    private static final Logger LOG = Logger.getLogger(BucketInitializer.class);

    void onStart(@Observes StartupEvent event, S3AsyncClient s3, ApiConfig config) throws Exception {
        String bucket = config.s3().bucket();
        if (!config.s3().createBucket()) {
            return;
        }
        try {
            s3.headBucket(HeadBucketRequest.builder().bucket(bucket).build()).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!isMissingBucket(e.getCause())) {
                throw e;
            }
            s3.createBucket(CreateBucketRequest.builder().bucket(bucket).build()).get(30, TimeUnit.SECONDS);
            LOG.infof("Created bucket '%s'", bucket);
        }
    }

    private static boolean isMissingBucket(Throwable failure) {
        return failure instanceof NoSuchBucketException
                || failure instanceof S3Exception s3 && s3.statusCode() == 404;
    }
}
