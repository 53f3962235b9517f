package dev.stt.api.bundle;

import dev.stt.api.support.CuttingProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The API with its S3 traffic relayed through a {@link CuttingProxy}, so a test can break storage mid-transfer. */
public class StorageBehindCuttingProxy implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    public static class Resource implements QuarkusTestResourceLifecycleManager {

        static volatile CuttingProxy proxy;

        @Override
        public Map<String, String> start() {
            proxy = CuttingProxy.start("127.0.0.1", 9000);
            return Map.of("quarkus.s3.endpoint-override", proxy.url());
        }

        @Override
        public void stop() {
            proxy.close();
        }
    }
}
