package dev.pnode.central.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.pnode.api.json.GsonMessages;
import dev.pnode.central.CentralException;
import dev.pnode.central.CentralException.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks that a downloaded zip is a readable zip whose {@code plugin-meta.json} names the plugin and version
 * that were asked for, so that a central serving the wrong (correctly signed) plugin is caught before install.
 */
public final class PluginMetaCheck {

    public static final String META_ENTRY = "plugin-meta.json";
    private static final int MAX_META_BYTES = 64 * 1024;

    private PluginMetaCheck() {
    }

    /** The name and version a plugin zip declares. */
    public record NameAndVersion(String name, String version) {
    }

    /** @param origin where the zip came from, for messages */
    public static void requireNameAndVersion(Path zip, String origin, String name, String version)
            throws CentralException {
        NameAndVersion declared = read(zip, origin);
        if (!declared.name().equals(name) || !declared.version().equals(version)) {
            throw new CentralException(Failure.PLUGIN_META, origin + " contains plugin " + declared.name() + " "
                    + declared.version() + " (" + META_ENTRY + ") but " + name + " " + version + " was requested");
        }
    }

    /** Reads name and version from the zip's {@code plugin-meta.json}. */
    public static NameAndVersion read(Path zip, String origin) throws CentralException {
        JsonObject meta = readMeta(zip, origin);
        return new NameAndVersion(stringField(meta, "name", origin), stringField(meta, "version", origin));
    }

    private static JsonObject readMeta(Path zip, String origin) throws CentralException {
        if (!Files.isRegularFile(zip)) {
            throw new CentralException(Failure.LOCAL_IO, "no such file: " + zip);
        }
        try (ZipFile zipFile = new ZipFile(zip.toFile())) {
            ZipEntry entry = zipFile.getEntry(META_ENTRY);
            if (entry == null || entry.isDirectory()) {
                throw new CentralException(Failure.PLUGIN_META, origin + " has no " + META_ENTRY + " at its root");
            }
            try (InputStream in = zipFile.getInputStream(entry)) {
                byte[] bytes = in.readNBytes(MAX_META_BYTES + 1);
                if (bytes.length > MAX_META_BYTES) {
                    throw new CentralException(Failure.PLUGIN_META, origin + ": " + META_ENTRY
                            + " is larger than " + MAX_META_BYTES + " bytes");
                }
                JsonElement json = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
                if (!json.isJsonObject()) {
                    throw new CentralException(Failure.PLUGIN_META, origin + ": " + META_ENTRY + " is not a JSON object");
                }
                return json.getAsJsonObject();
            }
        } catch (IOException e) {
            throw new CentralException(Failure.PLUGIN_META, origin + " is not a readable zip: " + e.getMessage(), e);
        } catch (JsonParseException e) {
            throw new CentralException(Failure.PLUGIN_META,
                    origin + ": " + META_ENTRY + " is not valid JSON: " + GsonMessages.describe(e), e);
        }
    }

    private static String stringField(JsonObject meta, String field, String origin) throws CentralException {
        JsonElement value = meta.get(field);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new CentralException(Failure.PLUGIN_META,
                    origin + ": " + META_ENTRY + " has no string field \"" + field + "\"");
        }
        return value.getAsString();
    }
}
