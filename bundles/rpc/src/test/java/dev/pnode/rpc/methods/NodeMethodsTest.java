package dev.pnode.rpc.methods;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pnode.api.PluginState;
import dev.pnode.api.PluginStatus;
import dev.pnode.rpc.jsonrpc.JsonRpcError;
import dev.pnode.rpc.jsonrpc.MethodRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.Test;

/** The node's methods as an endpoint serves them: rpc_modules, admin_* and plugin methods. */
public class NodeMethodsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    /** A contract as an interface bundle would define it. */
    public interface Greeter {
        String greeting(String msg);

        int add(int a, int b);

        List<String> words(String text);

        void fail(String why);
    }

    private final FakeHost host = new FakeHost();
    private final List<String> webStarted = new ArrayList<>();
    private final WebEndpointControl web = new WebEndpointControl() {
        @Override
        public String startHttp() throws JsonRpcError {
            return started("http://127.0.0.1:8545/");
        }

        @Override
        public String startWebSocket() throws JsonRpcError {
            return started("ws://127.0.0.1:8546/");
        }

        private String started(String url) throws JsonRpcError {
            if (webStarted.contains(url)) {
                throw JsonRpcError.serverError("already running on " + url);
            }
            webStarted.add(url);
            return url;
        }
    };
    private boolean hostRunning = true;
    private final AdminMethods admin = new AdminMethods(new AdminMethods.NodeIdentity("node-1", "/data"),
            () -> hostRunning ? Optional.of(host) : Optional.empty(),
            () -> hostRunning ? Optional.of(host) : Optional.empty(), web, Clock.fixed(NOW, ZoneOffset.UTC));
    private final PluginMethods plugins = new PluginMethods(host,
            () -> hostRunning ? Optional.of(host) : Optional.empty());
    private final MethodRegistry ipc = new NodeMethods(admin, host, plugins, ApiSelection.ALL, "over IPC");
    private final MethodRegistry http = new NodeMethods(admin, host, plugins, ApiSelection.parse("rpc,plugin@*"),
            "over HTTP (set pnode.http.admin=true to allow it)");

    public NodeMethodsTest() {
        host.serve("helloworld", Greeter.class, new Greeter() {
            @Override
            public String greeting(String msg) {
                return "Hello " + msg + "!";
            }

            @Override
            public int add(int a, int b) {
                return a + b;
            }

            @Override
            public List<String> words(String text) {
                return List.of(text.split(" "));
            }

            @Override
            public void fail(String why) {
                throw new IllegalStateException("plugin helloworld: greeting failed: " + why);
            }
        });
        host.plugins.add(FakeHost.running("helloworld", NOW.minusSeconds(90)));
    }

    @Test
    public void callsAPluginMethodByItsJsonRpcName() throws JsonRpcError {
        assertEquals("Hello world!", call(ipc, "plugin@helloworld_greeting", "[\"world\"]").getAsString());
        assertEquals(5, call(ipc, "plugin@helloworld_add", "[2, 3]").getAsInt());
        assertEquals(JsonParser.parseString("[\"a\",\"b\"]"), call(ipc, "plugin@helloworld_words", "[\"a b\"]"));
    }

    @Test
    public void servesPluginMethodsOverHttpToo() throws JsonRpcError {
        assertEquals("Hello world!", call(http, "plugin@helloworld_greeting", "[\"world\"]").getAsString());
    }

    @Test
    public void passesOnThePluginsFailureMessage() {
        JsonRpcError e = assertThrows(JsonRpcError.class, () -> call(ipc, "plugin@helloworld_fail", "[\"UNAVAILABLE\"]"));

        assertEquals(JsonRpcError.SERVER_ERROR, e.code());
        assertEquals("plugin helloworld: greeting failed: UNAVAILABLE", e.getMessage());
    }

    @Test
    public void checksPluginParams() {
        JsonRpcError e = assertThrows(JsonRpcError.class, () -> call(ipc, "plugin@helloworld_greeting", "[1]"));

        assertEquals(JsonRpcError.INVALID_PARAMS, e.code());
        assertEquals("invalid params for plugin@helloworld_greeting: parameter 1 must be a string, got the number 1",
                e.getMessage());
    }

    @Test
    public void namesWhatAnInterfaceOffersWhenTheMethodIsUnknown() {
        JsonRpcError e = assertThrows(JsonRpcError.class, () -> call(ipc, "plugin@helloworld_farewell", "[]"));

        assertEquals(JsonRpcError.METHOD_NOT_FOUND, e.code());
        assertEquals("method not found: plugin@helloworld_farewell (plugin@helloworld offers add, fail, greeting, words)",
                e.getMessage());
    }

    @Test
    public void doesNotOfferObjectMethods() {
        assertThrows(JsonRpcError.class, () -> call(ipc, "plugin@helloworld_hashCode", "[]"));
        assertThrows(JsonRpcError.class, () -> call(ipc, "plugin@helloworld_toString", "[]"));
    }

    @Test
    public void anUnknownInterfaceIsAnUnknownMethod() {
        JsonRpcError e = assertThrows(JsonRpcError.class, () -> call(ipc, "plugin@security_authenticate", "[]"));

        assertEquals(JsonRpcError.METHOD_NOT_FOUND, e.code());
        assertEquals("method not found: plugin@security_authenticate (no plugin interface security is running)",
                e.getMessage());
    }

    @Test
    public void aCallToAStartingPluginWaitsForItsContractService() throws Exception {
        Object greeter = host.services.remove("helloworld");
        host.plugins.set(0, new PluginStatus("helloworld", "helloworld", "1.0.0", PluginState.STARTING,
                OptionalLong.empty(), Optional.empty(), 0, Optional.empty()));
        Thread starting = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            host.services.put("helloworld", greeter);
        });
        starting.start();

        assertEquals("\"Hello x!\"", call(ipc, "plugin@helloworld_greeting", "[\"x\"]").toString());
        starting.join();
    }

    @Test
    public void aCallToAPluginThatDoesNotFinishStartingFailsAfterTheHostsCallTimeoutSayingSo() {
        host.services.remove("helloworld");
        host.plugins.set(0, new PluginStatus("helloworld", "helloworld", "1.0.0", PluginState.STARTING,
                OptionalLong.empty(), Optional.empty(), 0, Optional.empty()));
        host.callTimeout = Duration.ofMillis(50);

        JsonRpcError e = assertThrows(JsonRpcError.class, () -> call(ipc, "plugin@helloworld_greeting", "[\"x\"]"));

        assertEquals(JsonRpcError.SERVER_ERROR, e.code());
        assertEquals("plugin helloworld is not serving: it did not finish starting within the call timeout of 50 ms",
                e.getMessage());
    }

    @Test
    public void aConfiguredPluginThatIsDownSaysWhy() {
        host.services.clear();
        host.plugins.set(0, FakeHost.failed("helloworld", "exited with status 137"));

        JsonRpcError e = assertThrows(JsonRpcError.class, () -> call(ipc, "plugin@helloworld_greeting", "[\"x\"]"));

        assertEquals(JsonRpcError.SERVER_ERROR, e.code());
        assertEquals("plugin helloworld is not serving (state failed: exited with status 137)", e.getMessage());
    }

    @Test
    public void listsModulesWithAdminOnlyWhereAllowed() throws JsonRpcError {
        assertEquals(JsonParser.parseString("{\"admin\":\"1.0\",\"plugin@helloworld\":\"1.0.0\",\"rpc\":\"1.0\"}"),
                call(ipc, "rpc_modules", "[]"));
        assertEquals(JsonParser.parseString("{\"plugin@helloworld\":\"1.0.0\",\"rpc\":\"1.0\"}"),
                call(http, "rpc_modules", null));
    }

    @Test
    public void refusesAdminMethodsWhereNotAllowedSayingHowToAllowThem() {
        JsonRpcError e = assertThrows(JsonRpcError.class, () -> call(http, "admin_reloadPlugin", "[\"helloworld\"]"));

        assertEquals(JsonRpcError.METHOD_NOT_FOUND, e.code());
        assertEquals("method admin_reloadPlugin is not available over HTTP (set pnode.http.admin=true to allow it)",
                e.getMessage());
        assertTrue(host.reloaded.isEmpty());
        assertFalse(http.find("admin_unknown").isPresent());
    }

    @Test
    public void servesOnlyTheSelectedPluginInterfaces() throws JsonRpcError {
        host.serve("kvstore", Greeter.class, (Greeter) host.services.get("helloworld"));
        MethodRegistry onlyHello = new NodeMethods(admin, host, plugins, ApiSelection.parse("plugin@helloworld"),
                "over HTTP");

        assertEquals("Hello x!", call(onlyHello, "plugin@helloworld_greeting", "[\"x\"]").getAsString());
        JsonRpcError e = assertThrows(JsonRpcError.class, () -> call(onlyHello, "plugin@kvstore_greeting", "[\"x\"]"));
        assertEquals("method plugin@kvstore_greeting is not available over HTTP", e.getMessage());
        assertEquals(JsonParser.parseString("{\"plugin@helloworld\":\"1.0.0\",\"rpc\":\"1.0\"}"),
                call(onlyHello, "rpc_modules", "[]"));
    }

    @Test
    public void describesTheNodeAndItsPlugins() throws JsonRpcError {
        JsonObject info = call(ipc, "admin_nodeInfo", null).getAsJsonObject();

        assertEquals("node-1", info.get("id").getAsString());
        assertEquals("/data", info.get("datadir").getAsString());
        JsonObject plugin = info.getAsJsonArray("plugins").get(0).getAsJsonObject();
        assertEquals(JsonParser.parseString("{\"interface\":\"helloworld\",\"name\":\"helloworld\",\"version\":\"1.0.0\","
                + "\"state\":\"running\",\"pid\":4242,\"startedAt\":\"2026-11-25T11:58:30Z\",\"uptimeSeconds\":90,"
                + "\"restarts\":0,\"lastError\":null}"), plugin);
    }

    @Test
    public void describesTheNodeWithoutTheHost() throws JsonRpcError {
        hostRunning = false;

        assertEquals(0, call(ipc, "admin_nodeInfo", "[]").getAsJsonObject().getAsJsonArray("plugins").size());
    }

    @Test
    public void listsPluginStatesIncludingFailures() throws JsonRpcError {
        host.plugins.add(FakeHost.failed("security", "handshake timed out"));

        JsonArray statuses = call(ipc, "admin_plugins", "[]").getAsJsonArray();

        assertEquals(2, statuses.size());
        JsonObject failed = statuses.get(1).getAsJsonObject();
        assertEquals("failed", failed.get("state").getAsString());
        assertTrue(failed.get("pid").isJsonNull());
        assertTrue(failed.get("uptimeSeconds").isJsonNull());
        assertEquals(3, failed.get("restarts").getAsInt());
        assertEquals("handshake timed out", failed.get("lastError").getAsString());
    }

    @Test
    public void reloadsAPlugin() throws JsonRpcError {
        assertTrue(call(ipc, "admin_reloadPlugin", "[\"helloworld\"]").getAsBoolean());
        assertEquals(List.of("helloworld"), host.reloaded);
    }

    @Test
    public void reportsAFailedReloadWithTheHostsReason() {
        host.reloadFailure = "plugin helloworld: the new process failed its handshake; the old one keeps serving";

        JsonRpcError e = assertThrows(JsonRpcError.class, () -> call(ipc, "admin_reloadPlugin", "[\"helloworld\"]"));

        assertEquals(JsonRpcError.SERVER_ERROR, e.code());
        assertEquals(host.reloadFailure, e.getMessage());
    }

    @Test
    public void reloadingAnUnconfiguredPluginIsABadParam() {
        JsonRpcError e = assertThrows(JsonRpcError.class, () -> call(ipc, "admin_reloadPlugin", "[\"nope\"]"));

        assertEquals(JsonRpcError.INVALID_PARAMS, e.code());
        assertEquals("invalid params for admin_reloadPlugin: no plugin is configured under nope", e.getMessage());
    }

    @Test
    public void checksAdminParams() {
        assertThrows(JsonRpcError.class, () -> call(ipc, "admin_reloadPlugin", "[]"));
        assertThrows(JsonRpcError.class, () -> call(ipc, "admin_reloadPlugin", "[42]"));
        assertThrows(JsonRpcError.class, () -> call(ipc, "admin_plugins", "[\"extra\"]"));
    }

    @Test
    public void startsTheWebEndpointsOnTheRunningNodeOverIpc() throws JsonRpcError {
        assertTrue(call(ipc, "admin_startHTTP", "[]").getAsBoolean());
        assertTrue(call(ipc, "admin_startWS", null).getAsBoolean());

        assertEquals(List.of("http://127.0.0.1:8545/", "ws://127.0.0.1:8546/"), webStarted);
    }

    @Test
    public void reportsWhyAWebEndpointDoesNotStart() throws JsonRpcError {
        call(ipc, "admin_startHTTP", "[]");

        JsonRpcError e = assertThrows(JsonRpcError.class, () -> call(ipc, "admin_startHTTP", "[]"));

        assertEquals(JsonRpcError.SERVER_ERROR, e.code());
        assertEquals("already running on http://127.0.0.1:8545/", e.getMessage());
    }

    @Test
    public void startingAWebEndpointTakesNoParamsAndNotOverHttp() {
        assertThrows(JsonRpcError.class, () -> call(ipc, "admin_startHTTP", "[\"127.0.0.1\"]"));
        JsonRpcError e = assertThrows(JsonRpcError.class, () -> call(http, "admin_startHTTP", "[]"));

        assertEquals(JsonRpcError.METHOD_NOT_FOUND, e.code());
        assertEquals(List.of(), webStarted);
    }

    @Test
    public void reloadsAllPlugins() throws JsonRpcError {
        assertEquals(JsonParser.parseString("{\"helloworld\":\"reloaded\"}"), call(ipc, "admin_reloadPlugins", "[]"));
    }

    @Test
    public void saysWhenTheHostIsNotRunning() {
        hostRunning = false;

        JsonRpcError e = assertThrows(JsonRpcError.class, () -> call(ipc, "admin_reloadPlugin", "[\"helloworld\"]"));

        assertEquals(JsonRpcError.SERVER_ERROR, e.code());
        assertEquals("the plugin host is not running", e.getMessage());
    }

    private static JsonElement call(MethodRegistry methods, String name, String params) throws JsonRpcError {
        return methods.find(name).orElseThrow(() -> new AssertionError("no method " + name))
                .call(params == null ? null : JsonParser.parseString(params));
    }
}
