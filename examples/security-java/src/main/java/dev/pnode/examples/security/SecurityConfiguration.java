package dev.pnode.examples.security;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.pnode.security.GrantedAuthority;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The plugin's raw configuration:
 * <pre>{"tokens": {"&lt;token&gt;": {"authorities": ["rpc://plugin@helloworld_*"], "expiresIn": "1h"}},
 *  "tls": {"certFile": "/path/cert.pem", "keyFile": "/path/key.pem"}}</pre>
 * {@code tls} is optional (a self-signed certificate is made at start). Error messages never quote a token.
 *
 * @param tokens each token with what it grants and for how long after {@code Init}
 * @param tlsFiles the certificate and key files, when configured
 */
record SecurityConfiguration(Map<String, Grant> tokens, Optional<TlsFiles> tlsFiles) {

    /** What one token grants: Quorum scopes, valid for {@code expiresIn} from Init (negative: already expired). */
    record Grant(List<GrantedAuthority> authorities, Duration expiresIn) {
    }

    record TlsFiles(Path certFile, Path keyFile) {
    }

    /** @throws IllegalArgumentException naming what is wrong */
    static SecurityConfiguration parse(byte[] rawConfiguration) {
        JsonObject root = object(parseJson(new String(rawConfiguration, StandardCharsets.UTF_8)), "the configuration");
        onlyKeys(root, Set.of("tokens", "tls"), "the configuration");
        if (!root.has("tokens")) {
            throw new IllegalArgumentException("the configuration has no \"tokens\": expected {\"tokens\":{\"<token>\":"
                    + "{\"authorities\":[\"rpc://<namespace>_<method>\"],\"expiresIn\":\"1h\"}}}");
        }
        Map<String, Grant> tokens = new LinkedHashMap<>();
        int position = 0;
        for (Map.Entry<String, JsonElement> token : object(root.get("tokens"), "\"tokens\"").entrySet()) {
            position++;
            String where = "token #" + position + " of \"tokens\"";
            if (token.getKey().isBlank()) {
                throw new IllegalArgumentException(where + " is blank");
            }
            tokens.put(token.getKey(), grant(object(token.getValue(), where), where));
        }
        return new SecurityConfiguration(Map.copyOf(tokens), root.has("tls")
                ? Optional.of(tlsFiles(object(root.get("tls"), "\"tls\""))) : Optional.empty());
    }

    private static Grant grant(JsonObject entry, String where) {
        onlyKeys(entry, Set.of("authorities", "expiresIn"), where);
        JsonElement authorities = entry.get("authorities");
        if (authorities == null || !authorities.isJsonArray()) {
            throw new IllegalArgumentException(where + ": \"authorities\" must be an array of scopes like "
                    + "\"rpc://admin_*\"");
        }
        List<GrantedAuthority> granted = new ArrayList<>();
        for (JsonElement scope : authorities.getAsJsonArray()) {
            try {
                granted.add(GrantedAuthority.fromScope(string(scope, where + ": an authority")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        try {
            return new Grant(granted, Durations.parse(string(entry.get("expiresIn"), where + ": \"expiresIn\"")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith(where) ? e.getMessage()
                    : where + ": \"expiresIn\": " + e.getMessage(), e);
        }
    }

    private static TlsFiles tlsFiles(JsonObject tls) {
        onlyKeys(tls, Set.of("certFile", "keyFile"), "\"tls\"");
        return new TlsFiles(Path.of(string(tls.get("certFile"), "\"tls\": \"certFile\"")),
                Path.of(string(tls.get("keyFile"), "\"tls\": \"keyFile\"")));
    }

    private static JsonElement parseJson(String json) {
        try {
            return JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("the configuration is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static JsonObject object(JsonElement element, String what) {
        if (element == null || !element.isJsonObject()) {
            throw new IllegalArgumentException(what + " must be a JSON object");
        }
        return element.getAsJsonObject();
    }

    private static String string(JsonElement element, String what) {
        if (element == null || !element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException(what + " must be a string");
        }
        return element.getAsString();
    }

    private static void onlyKeys(JsonObject object, Set<String> known, String what) {
        for (String key : object.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(what + " has an unknown key \"" + key + "\"; known: "
                        + known.stream().sorted().toList());
            }
        }
    }
}
