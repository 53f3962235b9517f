package dev.stt.api.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.api.security.RateLimited;
import dev.stt.common.errors.ErrorCode;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.junit.jupiter.api.Test;

/**
 * The contract in three places says the same: every route a resource class declares is in the OpenAPI document the
 * API serves, with its parameters and every status it can answer (errors as problem documents, or OpenAI's error
 * object on /v1), and nothing else is; docs/api.md and the README list exactly those routes, and docs/api.md every
 * error code.
 */
@QuarkusTest
class ApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.nio.file.Path DOCS = java.nio.file.Path.of("..", "docs", "api.md");
    private static final java.nio.file.Path README = java.nio.file.Path.of("..", "README.md");
    private static final Pattern ROUTE_ROW = Pattern.compile("^\\| `(GET|POST|DELETE|PUT|PATCH) (/[^`]*)` \\|", Pattern.MULTILINE);
    private static final Pattern ROUTE_HEADING = Pattern.compile("^### `(GET|POST|DELETE|PUT|PATCH) (/[^`]*)`$", Pattern.MULTILINE);

    /** One resource method: its route, and what it takes. */
    record Declared(String route, Method method) {
    }

    @Test
    void everyDeclaredRouteIsDescribedWithItsParametersAndResponses() throws IOException {
        JsonNode document = openApi();
        TreeMap<String, Declared> declared = declaredRoutes();
        assertTrue(declared.size() >= 15, "the resources declare the API's routes: " + declared.keySet());
        assertEquals(declared.keySet(), documentedRoutes(document), "routes in the OpenAPI document");

        List<String> problems = new ArrayList<>();
        declared.forEach((route, resource) -> {
            JsonNode operation = operation(document, route);
            problems.addAll(checkResponses(route, resource.method(), operation));
            problems.addAll(checkParameters(route, resource.method(), operation));
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void theDocsAndTheReadmeListTheSameRoutes() throws IOException {
        Set<String> documented = documentedRoutes(openApi());
        String docs = Files.readString(DOCS);
        assertEquals(documented, matches(ROUTE_HEADING, docs), "docs/api.md has a section per route");
        assertEquals(documented, matches(ROUTE_ROW, docs), "docs/api.md's route table");
        assertEquals(documented, matches(ROUTE_ROW, Files.readString(README)), "the README's route table");
    }

    @Test
    void theDocsNameEveryErrorCode() throws IOException {
        String docs = Files.readString(DOCS);
        List<String> missing = Arrays.stream(ErrorCode.values()).map(ErrorCode::code)
                .filter(code -> !docs.contains("| `" + code + "` |")).toList();
        assertEquals(List.of(), missing, "error codes without a row in docs/api.md's table");
    }

    @Test
    void swaggerUiIsServed() {
        given().redirects().follow(true).get("/q/swagger-ui/").then().statusCode(200);
    }

    private static List<String> checkResponses(String route, Method method, JsonNode operation) {
        List<String> problems = new ArrayList<>();
        JsonNode responses = operation.path("responses");
        Set<String> codes = new TreeSet<>();
        responses.fieldNames().forEachRemaining(codes::add);
        if (codes.stream().noneMatch(code -> code.startsWith("2"))) {
            problems.add(route + ": no success response in " + codes);
        }
        List<String> required = new ArrayList<>(List.of("401"));
        if (route.contains("{")) {
            required.add("404");
        }
        if (method.isAnnotationPresent(RateLimited.class)) {
            required.add("429");
        }
        if (method.isAnnotationPresent(jakarta.ws.rs.Consumes.class)) {
            required.add("400");
            required.add("415");
        }
        required.stream().filter(code -> !codes.contains(code))
                .forEach(code -> problems.add(route + ": status " + code + " is not described"));
        String errorShape = route.split(" ")[1].startsWith("/v1/") ? "OpenAi" : "Problem";
        responses.fields().forEachRemaining(response -> {
            if (response.getKey().charAt(0) >= '4') {
                String ref = response.getValue().path("$ref").asText();
                if (!ref.equals("#/components/responses/" + errorShape + response.getKey())) {
                    problems.add(route + ": " + response.getKey() + " is not the " + errorShape + " error answer: " + response.getValue());
                }
            } else if (!response.getValue().has("$ref") && response.getValue().path("description").asText().isBlank()) {
                problems.add(route + ": " + response.getKey() + " has no description");
            }
        });
        return problems;
    }

    private static List<String> checkParameters(String route, Method method, JsonNode operation) {
        List<String> problems = new ArrayList<>();
        Set<String> described = new TreeSet<>();
        operation.path("parameters").forEach(p -> described.add(p.path("in").asText() + ":" + p.path("name").asText()));
        for (Parameter parameter : method.getParameters()) {
            String expected = null;
            if (parameter.isAnnotationPresent(RestPath.class)) {
                expected = "path:" + name(parameter.getAnnotation(RestPath.class).value(), parameter);
            } else if (parameter.isAnnotationPresent(RestQuery.class)) {
                expected = "query:" + name(parameter.getAnnotation(RestQuery.class).value(), parameter);
            } else if (parameter.isAnnotationPresent(RestHeader.class)) {
                expected = "header:" + name(parameter.getAnnotation(RestHeader.class).value(), parameter);
            }
            if (expected != null && !described.contains(expected)) {
                problems.add(route + ": parameter " + expected + " is not described (" + described + ")");
            }
        }
        return problems;
    }

    private static String name(String annotated, Parameter parameter) {
        return annotated.isEmpty() ? parameter.getName() : annotated;
    }

    /** Every resource method of the application's REST resources (the beans carrying {@code @Path}). */
    private static TreeMap<String, Declared> declaredRoutes() {
        TreeMap<String, Declared> routes = new TreeMap<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path root = type.getAnnotation(Path.class);
            if (root == null || !type.getName().startsWith("dev.stt.")) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = ("/" + root.value() + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/");
                if (path.length() > 1 && path.endsWith("/")) {
                    path = path.substring(0, path.length() - 1);
                }
                routes.put(verb + " " + path, new Declared(verb + " " + path, method));
            }
        }
        return routes;
    }

    private static String httpMethod(Method method) {
        for (Class<? extends Annotation> verb : List.of(GET.class, POST.class, DELETE.class, PUT.class, PATCH.class)) {
            if (method.isAnnotationPresent(verb)) {
                return verb.getAnnotation(HttpMethod.class).value();
            }
        }
        return null;
    }

    private static JsonNode openApi() throws IOException {
        return JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
    }

    private static Set<String> documentedRoutes(JsonNode document) {
        Set<String> routes = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(verb -> routes.add(verb.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return routes;
    }

    private static JsonNode operation(JsonNode document, String route) {
        String[] parts = route.split(" ", 2);
        return document.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT));
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1) + " " + matcher.group(2));
        }
        return found;
    }
}
