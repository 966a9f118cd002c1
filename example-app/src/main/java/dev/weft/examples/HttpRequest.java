package dev.weft.examples;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One parsed HTTP/1.1 request: its request line, its headers (names in lower case), its body. */
final class HttpRequest {
    final String method;
    final String target;
    final String version;
    final Map<String, String> headers;
    byte[] body = new byte[0];

    private HttpRequest(String method, String target, String version, Map<String, String> headers) {
        this.method = method;
        this.target = target;
        this.version = version;
        this.headers = Collections.unmodifiableMap(headers);
    }

    /** A request whose head could not be accepted: answered with {@code status}, then closed. */
    static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Rejected(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /**
     * Parses a request line ({@code GET /path HTTP/1.1}) and the header lines that followed it.
     *
     * @throws Rejected with 400 for what is not HTTP/1.x, 501 for a transfer coding
     */
    static HttpRequest parse(String requestLine, Iterable<String> headerLines) {
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || !isToken(parts[0]) || parts[1].isEmpty() || !parts[1].startsWith("/")
                || !(parts[2].equals("HTTP/1.1") || parts[2].equals("HTTP/1.0"))) {
            throw new Rejected(400, "malformed request line");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : headerLines) {
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon))) {
                throw new Rejected(400, "malformed header line");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (headers.containsKey(name) && name.equals("content-length")) {
                throw new Rejected(400, "more than one Content-Length");
            }
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        if (headers.containsKey("transfer-encoding")) {
            throw new Rejected(501, "transfer codings are not implemented");
        }
        return new HttpRequest(parts[0], parts[1], parts[2], headers);
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The body's length from {@code Content-Length}, 0 without one. */
    int contentLength(int max) {
        String v = headers.get("content-length");
        if (v == null) {
            return 0;
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new Rejected(400, "bad Content-Length");
        }
        if (n < 0) {
            throw new Rejected(400, "bad Content-Length");
        }
        if (n > max) {
            throw new Rejected(413, "body over " + max + " bytes");
        }
        return (int) n;
    }

    /** Whether the connection stays open after the response (HTTP/1.1 unless "close"; 1.0 only with "keep-alive"). */
    boolean keepAlive() {
        String c = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
        return version.equals("HTTP/1.1") ? !c.contains("close") : c.contains("keep-alive");
    }

    /** The target's path, without the query. */
    String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** A query parameter's value, or {@code fallback}. */
    String query(String name, String fallback) {
        int q = target.indexOf('?');
        if (q < 0) {
            return fallback;
        }
        for (String pair : target.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return pair.substring(eq + 1);
            }
        }
        return fallback;
    }
}
