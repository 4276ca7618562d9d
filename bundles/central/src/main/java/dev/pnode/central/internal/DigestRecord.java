package dev.pnode.central.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SHA-256 of an installed zip, recorded beside it as {@code <zip>.sha256} in {@code sha256sum} format
 * ({@code <hex>  <file name>}), so that {@code sha256sum -c} can check it too.
 */
public final class DigestRecord {

    private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{64})\\s+\\*?(.+)");

    private DigestRecord() {
    }

    public static Path recordFileOf(Path zip) {
        return zip.resolveSibling(zip.getFileName() + ".sha256");
    }

    public static String format(Path zip, String hexDigest) {
        return hexDigest + "  " + zip.getFileName() + "\n";
    }

    /**
     * @return the recorded digest (lowercase), or empty when there is no record
     * @throws IOException also when the record exists but is not a {@code sha256sum} line
     */
    public static Optional<String> read(Path zip) throws IOException {
        Path record = recordFileOf(zip);
        if (!Files.exists(record)) {
            return Optional.empty();
        }
        String text = Files.readString(record, StandardCharsets.UTF_8).strip();
        Matcher line = LINE.matcher(text);
        if (!line.matches()) {
            throw new IOException("digest record " + record + " is not a sha256sum line ('<64 hex digits>  <file>')");
        }
        return Optional.of(line.group(1).toLowerCase(java.util.Locale.ROOT));
    }
}
