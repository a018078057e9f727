package io.metallb.distribution.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** One plain HTTP request to the operations port, with bounded timeouts; tests only. */
public record HttpCall(int status, String contentType, String body) {

    public static HttpCall of(String method, URI uri) {
        try {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            c.setRequestMethod(method);
            c.setConnectTimeout(5000);
            c.setReadTimeout(10000);
            int status = c.getResponseCode();
            InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            c.disconnect();
            return new HttpCall(status, String.valueOf(c.getContentType()), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
