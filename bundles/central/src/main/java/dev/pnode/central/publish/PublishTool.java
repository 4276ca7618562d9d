package dev.pnode.central.publish;

import dev.pnode.central.CentralConfig;
import dev.pnode.central.CentralException;
import dev.pnode.central.Platform;
import dev.pnode.central.publish.CentralKeys.GeneratedKey;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.openpgp.PGPException;

/**
 * Command line for people running a central and for the build that makes the embedded one. Runs on a plain
 * class path: pnode-central, bcprov, bcutil, bcpg, gson. See README.md beside the module's pom.
 */
public final class PublishTool {

    /** Quorum's default {@code publicKeyURI}, relative to the central's base URL. */
    public static final String PUBLIC_KEY_FILE = "gpg.key";
    static final String PUBLIC_KEY_OUT = "public-key.asc";
    static final String SECRET_KEY_OUT = "secret-key.asc";

    private static final String USAGE = String.join("\n",
            "usage:",
            "  publish --zip FILE --key SECRET_KEY.asc --out DIR [--passphrase-env VAR]",
            "          [--layout TEMPLATE] [--sig-layout TEMPLATE] [--os OS] [--arch ARCH] [--no-public-key]",
            "      copy the plugin zip into the central directory DIR with its signature",
            "      (default layout " + CentralConfig.DEFAULT_DIST_PATH_TEMPLATE + ");",
            "      also writes DIR/" + PUBLIC_KEY_FILE + " (the public key) when it does not exist yet",
            "  keygen --out DIR --name USER_ID [--algorithm rsa3072|ed25519] [--passphrase-env VAR] [--keep-existing]",
            "      write DIR/" + PUBLIC_KEY_OUT + " and DIR/" + SECRET_KEY_OUT + " (never overwrites; with",
            "      --keep-existing an existing key pair is kept and reported, for builds that run again)",
            "  export-public --key SECRET_KEY.asc --out FILE [--passphrase-env VAR]",
            "      write the public half of a secret key");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    PublishTool(PrintStream out, PrintStream err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    public static void main(String[] args) {
        int status = new PublishTool(System.out, System.err, System.getenv()).run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** @return 0 on success, 1 when the work failed, 2 for a usage error */
    int run(String... args) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        try {
            Options options = Options.parse(List.of(args).subList(1, args.length));
            switch (args[0]) {
                case "publish":
                    publish(options);
                    return 0;
                case "keygen":
                    keygen(options);
                    return 0;
                case "export-public":
                    exportPublic(options);
                    return 0;
                default:
                    throw new UsageException("unknown command '" + args[0] + "'");
            }
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + e.getFile());
            return 1;
        } catch (IOException | PGPException | CentralException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private void publish(Options options) throws IOException, PGPException, CentralException, UsageException {
        options.allowOnly("zip", "key", "out", "passphrase-env", "layout", "sig-layout", "os", "arch", "no-public-key");
        Path zip = Path.of(options.required("zip"));
        Path keyFile = Path.of(options.required("key"));
        Path centralDir = Path.of(options.required("out"));
        String layout = options.optional("layout", CentralConfig.DEFAULT_DIST_PATH_TEMPLATE);
        String sigLayout = options.optional("sig-layout", null);
        if (sigLayout == null) {
            sigLayout = signatureLayoutFor(layout);
        }
        byte[] secretKey = Files.readAllBytes(keyFile);
        Platform here = Platform.current();
        DigestSigner signer = new DigestSigner(secretKey, passphrase(options));
        CentralPublisher publisher = new CentralPublisher(signer, layout, sigLayout,
                options.optional("os", here.os()), options.optional("arch", here.arch()));
        CentralPublisher.Published published = publisher.publish(zip, centralDir);
        out.println("published " + published.name() + " " + published.version() + ": " + published.zip()
                + " (SHA-256 " + published.sha256Hex() + ") and " + published.signature()
                + " (signed by key " + published.keyId() + ")");
        if (!options.flag("no-public-key")) {
            writePublicKeyIfAbsent(secretKey, centralDir.resolve(PUBLIC_KEY_FILE));
        }
    }

    /** Quorum's pairing: {@code X.zip} is signed in {@code X-sha256.checksum.asc}. */
    static String signatureLayoutFor(String layout) throws UsageException {
        if (layout.equals(CentralConfig.DEFAULT_DIST_PATH_TEMPLATE)) {
            return CentralConfig.DEFAULT_SIG_PATH_TEMPLATE;
        }
        if (!layout.endsWith(".zip")) {
            throw new UsageException("--layout '" + layout + "' does not end with .zip: give --sig-layout too");
        }
        return layout.substring(0, layout.length() - ".zip".length()) + "-sha256.checksum.asc";
    }

    private void writePublicKeyIfAbsent(byte[] secretKey, Path publicKeyFile) throws IOException, PGPException {
        if (Files.exists(publicKeyFile)) {
            out.println("kept the existing " + publicKeyFile + " (make sure it holds the signing key's public half)");
            return;
        }
        Files.writeString(publicKeyFile, CentralKeys.exportPublic(secretKey), StandardCharsets.US_ASCII);
        out.println("wrote the public key to " + publicKeyFile);
    }

    private void keygen(Options options) throws IOException, PGPException, UsageException {
        options.allowOnly("out", "name", "algorithm", "passphrase-env", "keep-existing");
        Path dir = Path.of(options.required("out"));
        String userId = options.required("name");
        CentralKeys.Algorithm algorithm = CentralKeys.Algorithm.parse(options.optional("algorithm", "rsa3072"));
        Path publicFile = dir.resolve(PUBLIC_KEY_OUT);
        Path secretFile = dir.resolve(SECRET_KEY_OUT);
        if (options.flag("keep-existing") && Files.exists(publicFile) && Files.exists(secretFile)) {
            out.println("kept the existing key pair " + publicFile + ", " + secretFile);
            return;
        }
        for (Path existing : List.of(publicFile, secretFile)) {
            if (Files.exists(existing)) {
                throw new FileAlreadyExistsException(existing + " exists; keygen never overwrites keys");
            }
        }
        GeneratedKey key = CentralKeys.generate(userId, passphrase(options), algorithm);
        Files.createDirectories(dir);
        writeSecret(secretFile, key.secretKeyArmored());
        Files.writeString(publicFile, key.publicKeyArmored(), StandardCharsets.US_ASCII);
        out.println("generated " + algorithm.name().toLowerCase(java.util.Locale.ROOT) + " key " + key.keyId()
                + " for '" + userId + "': " + publicFile + ", " + secretFile);
    }

    private void exportPublic(Options options) throws IOException, PGPException, UsageException {
        options.allowOnly("key", "out", "passphrase-env");
        byte[] secretKey = Files.readAllBytes(Path.of(options.required("key")));
        Path target = Path.of(options.required("out"));
        Files.writeString(target, CentralKeys.exportPublic(secretKey), StandardCharsets.US_ASCII);
        out.println("wrote the public key to " + target);
    }

    private static void writeSecret(Path file, String armored) throws IOException {
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the directory's ACL; nothing portable to tighten
        }
        Files.writeString(file, armored, StandardCharsets.US_ASCII);
    }

    private char[] passphrase(Options options) throws UsageException {
        String variable = options.optional("passphrase-env", null);
        if (variable == null) {
            return null;
        }
        String value = environment.get(variable);
        if (value == null) {
            throw new UsageException("--passphrase-env names " + variable + ", which is not set");
        }
        return value.toCharArray();
    }

    /** {@code --name value} pairs and bare {@code --flag}s. */
    private static final class Options {
        private static final Set<String> FLAGS = Set.of("no-public-key", "keep-existing");
        private final Map<String, String> values;

        private Options(Map<String, String> values) {
            this.values = values;
        }

        static Options parse(List<String> args) throws UsageException {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (!arg.startsWith("--") || arg.length() == 2) {
                    throw new UsageException("unexpected argument '" + arg + "'");
                }
                String name = arg.substring(2);
                String value;
                if (FLAGS.contains(name)) {
                    value = "true";
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(arg + " needs a value");
                }
                if (values.put(name, value) != null) {
                    throw new UsageException(arg + " is given twice");
                }
            }
            return new Options(values);
        }

        void allowOnly(String... names) throws UsageException {
            List<String> allowed = List.of(names);
            for (String name : values.keySet()) {
                if (!allowed.contains(name)) {
                    throw new UsageException("unknown option --" + name);
                }
            }
        }

        String required(String name) throws UsageException {
            String value = values.get(name);
            if (value == null) {
                throw new UsageException("--" + name + " is required");
            }
            return value;
        }

        String optional(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }

        boolean flag(String name) {
            return values.containsKey(name);
        }
    }

    /** Wrong command line: print the usage. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
