package dev.stt.k8s;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What an operator reads after helm install. */
class NotesTest {

    @Test
    void warnsWhileAuthenticationIsOff() {
        String open = Chart.notes("");
        String keyed = Chart.notes("secret: {values: {apiKeys: k1, postgresqlPassword: p, s3AccessKeyId: a, s3SecretAccessKey: s}}\n");
        String existing = Chart.notes("secret: {existingSecret: team-stt}\n");

        assertTrue(open.contains("authentication is OFF"), open);
        assertTrue(open.contains("no PostgreSQL password"), open);
        assertFalse(keyed.contains("WARNING"), keyed);
        assertFalse(existing.contains("WARNING"), existing);
    }

    @Test
    void tellsWhereTheApiIs() {
        String forwarded = Chart.notes("");
        String ingress = Chart.notes("api: {ingress: {enabled: true, hosts: [{host: stt.acme.test, paths: [{path: /, pathType: Prefix}]}], tls: [{secretName: t}]}}\n");

        assertTrue(forwarded.contains("kubectl -n speech port-forward service/stt-api 8080:8080"), forwarded);
        assertTrue(ingress.contains("https://stt.acme.test/api/v1/transcribe"), ingress);
        assertTrue(Chart.notes("worker: {keda: {enabled: true}}\n").contains("KEDA scales stt-worker"));
    }
}
