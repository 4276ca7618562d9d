package dev.pnode.launcher.rpc;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.pnode.api.json.GsonMessages;
import dev.pnode.launcher.config.ConfigException;
import dev.pnode.launcher.config.NodeSettings;
import dev.pnode.launcher.config.UsageException;
import dev.pnode.launcher.config.UserHome;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code pnode rpc [--datadir DIR] [--config FILE] [--ipc PATH] METHOD [JSON_PARAMS]}: calls the running node's JSON-RPC API
 * over its IPC socket and prints the result as JSON.
 *
 * @param socket the IPC socket
 * @param method e.g. {@code admin_nodeInfo}
 * @param params a JSON array or object, {@code []} when not given
 */
public record RpcCommand(Path socket, String method, JsonElement params) {

    public static final String USAGE = "Usage: pnode rpc [--datadir DIR] [--config FILE] [--ipc PATH] METHOD"
            + " [JSON_PARAMS]\n"
            + "  --datadir DIR   the node's data directory (default: as the node finds it: --config, else ~/"
            + NodeSettings.DEFAULT_DATA_DIR + ")\n"
            + "  --config FILE   the node's settings, for its DataDir and IPCPath (default: etc/pnode.toml)\n"
            + "  --ipc PATH      the node's IPC socket itself\n"
            + "  JSON_PARAMS     a JSON array or object (default: [])\n"
            + "Example: pnode rpc plugin@helloworld_greeting '[\"world\"]'\n";

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Parses the arguments after {@code rpc}; the socket is found like the node finds it. */
    public static RpcCommand parse(String[] arguments, Path home, Path workingDir) throws UsageException,
            ConfigException {
        Path dataDir = null;
        Path config = null;
        Path ipc = null;
        int i = 0;
        for (; i < arguments.length && arguments[i].startsWith("-"); i++) {
            String flag = arguments[i];
            if (i + 1 >= arguments.length) {
                throw new UsageException("flag " + flag + " needs a value");
            }
            switch (flag) {
                case "--datadir", "-datadir" -> dataDir = Path.of(UserHome.expand(arguments[++i]));
                case "--config", "-config" -> config = Path.of(arguments[++i]);
                case "--ipc", "-ipc" -> ipc = Path.of(arguments[++i]);
                default -> throw new UsageException("unknown flag '" + flag + "'");
            }
        }
        if (ipc != null && (dataDir != null || config != null)) {
            throw new UsageException("give --ipc alone, or --datadir/--config");
        }
        if (i >= arguments.length) {
            throw new UsageException("name the METHOD to call");
        }
        String method = arguments[i++];
        JsonElement params = new JsonArray();
        if (i < arguments.length) {
            params = params(arguments[i++]);
        }
        if (i < arguments.length) {
            throw new UsageException("unexpected argument '" + arguments[i] + "' (pass all parameters as one JSON"
                    + " array)");
        }
        Path socket = ipc != null ? workingDir.resolve(ipc).normalize()
                : NodeSettings.ipcPath(Optional.ofNullable(config), Optional.ofNullable(dataDir), home, workingDir);
        return new RpcCommand(socket, method, params);
    }

    private static JsonElement params(String text) throws UsageException {
        try {
            JsonElement params = JsonParser.parseString(text);
            if (params.isJsonArray() || params.isJsonObject()) {
                return params;
            }
        } catch (JsonParseException e) {
            throw new UsageException("JSON_PARAMS is not valid JSON: " + GsonMessages.describe(e));
        }
        throw new UsageException("JSON_PARAMS must be a JSON array or object, e.g. '[\"world\"]'");
    }

    /** Makes the call; prints the result on out (exit 0) or the error on err (exit 1). */
    public int run(PrintStream out, PrintStream err) {
        try {
            JsonObject response = new IpcClient(socket, TIMEOUT).call(method, params);
            if (response.has("error")) {
                err.println("error: " + prettyJson(response.get("error")));
                return 1;
            }
            out.println(prettyJson(response.has("result") ? response.get("result") : JsonNull.INSTANCE));
            return 0;
        } catch (RpcException e) {
            err.println("pnode rpc: " + e.getMessage());
            return 1;
        }
    }

    private static String prettyJson(JsonElement json) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(json);
    }
}
