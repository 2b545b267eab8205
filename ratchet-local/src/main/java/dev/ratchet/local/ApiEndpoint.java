package dev.ratchet.local;

import java.net.URI;
import java.net.http.HttpRequest;

/** A service's base URL and the API key that its {@code /api/} routes need. */
public record ApiEndpoint(String url, String apiKey) {

    public ApiEndpoint {
        url = url.replaceAll("/+$", "");
    }

    /** A request to {@code path} under the base URL, carrying the key. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + apiKey);
    }

    /** The URL only: the key stays out of logs and messages. */
    @Override
    public String toString() {
        return url;
    }
}
