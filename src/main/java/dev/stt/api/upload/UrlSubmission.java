package dev.stt.api.upload;

/** The JSON body of {@code POST /api/v1/transcribe/url}. */
public record UrlSubmission(String audioUrl, String webhookUrl, String language, String provider) {
}
