package dev.stt.api.openai;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** OpenAI's model list: {@code {"object": "list", "data": [{"id", "object": "model", "created", "owned_by"}]}}. */
@RegisterForReflection
public record ModelList(String object, List<Model> data) {

    @RegisterForReflection
    public record Model(String id, String object, long created, String ownedBy) {
    }

    static ModelList of(List<Model> models) {
        return new ModelList("list", models);
    }
}
