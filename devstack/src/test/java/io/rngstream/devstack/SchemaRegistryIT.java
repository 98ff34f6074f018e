package io.rngstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevStackExtension.class)
class SchemaRegistryIT {

    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Draw\",\"namespace\":\"io.rngstream.it\","
            + "\"fields\":[{\"name\":\"value\",\"type\":\"long\"}]}";

    private static HttpClient http;
    private static String registryUrl;

    @BeforeAll
    static void setUp(final StackEndpoints stack) {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        registryUrl = stack.registryUrl();
    }

    @AfterAll
    static void tearDown() {
        http.close();
    }

    @Test
    void urlPointsAtTheV3ApiOnLoopback() {
        assertThat(registryUrl).matches("http://127\\.0\\.0\\.1:\\d+/apis/registry/v3");
    }

    @Test
    void registersAnAvroSchemaAndFetchesItBack() throws Exception {
        final String artifactId = "draw-value-" + System.nanoTime();
        final String body = "{\"artifactId\":\"" + artifactId + "\",\"artifactType\":\"AVRO\",\"firstVersion\":"
                + "{\"content\":{\"content\":" + jsonString(SCHEMA) + ",\"contentType\":\"application/json\"}}}";
        final HttpResponse<String> created = http.send(HttpRequest.newBuilder(
                        URI.create(registryUrl + "/groups/default/artifacts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as("create artifact: %s", created.body()).isEqualTo(200);

        final HttpResponse<String> latest = get("/groups/default/artifacts/" + artifactId + "/versions/branch=latest/content");
        assertThat(latest.statusCode()).as("latest content: %s", latest.body()).isEqualTo(200);
        assertThat(latest.body()).isEqualTo(SCHEMA);

        final Matcher globalId = Pattern.compile("\"globalId\":(\\d+)").matcher(created.body());
        assertThat(globalId.find()).as("globalId in %s", created.body()).isTrue();
        final HttpResponse<String> byId = get("/ids/globalIds/" + globalId.group(1));
        assertThat(byId.statusCode()).isEqualTo(200);
        assertThat(byId.body()).isEqualTo(SCHEMA);
    }

    private static HttpResponse<String> get(final String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(registryUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String jsonString(final String raw) {
        return "\"" + raw.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
