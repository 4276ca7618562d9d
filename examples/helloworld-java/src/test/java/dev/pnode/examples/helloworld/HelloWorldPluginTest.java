package dev.pnode.examples.helloworld;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import com.google.protobuf.ByteString;
import com.quorum.plugin.proto.HelloWorld.PluginHelloWorld;
import com.quorum.plugin.proto.Initializer.PluginInitialization;
import com.quorum.plugin.proto.PluginGreetingGrpc;
import com.quorum.plugin.proto.PluginInitializerGrpc;
import dev.pnode.sdk.InProcessPlugin;
import dev.pnode.sdk.StringConcatCheck;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

/** The plugin's gRPC contract, served in-process: what a host sees once the plugin runs. */
public class HelloWorldPluginTest {

    @Rule
    public final InProcessPlugin plugin = new InProcessPlugin(() -> new HelloWorldPlugin().services());

    @Test
    public void concatenatesWithoutInvokedynamic() {
        // Init and the first Greeting are on the node's restart path (figure 4): pom.xml, -XDstringConcat=inline
        assertEquals(List.of(), StringConcatCheck.classesWithIndyConcat(HelloWorldPlugin.class));
    }

    @Test
    public void greetsInEnglish() {
        init("{\"language\":\"en\"}");
        assertEquals("Hello world!", greet("world"));
    }

    @Test
    public void greetsInSpanish() {
        init("{\"language\":\"es\"}");
        assertEquals("Hola world!", greet("world"));
    }

    @Test
    public void greetsInEnglishWhenNoLanguageIsConfigured() {
        init("{}");
        assertEquals("Hello Quorum!", greet("Quorum"));
    }

    @Test
    public void greetsInEnglishWhenTheConfigurationIsEmpty() {
        init("");
        assertEquals("Hello Quorum!", greet("Quorum"));
    }

    @Test
    public void aSecondInitChangesTheLanguage() {
        init("{\"language\":\"es\"}");
        init("{\"language\":\"en\"}");
        assertEquals("Hello again!", greet("again"));
    }

    @Test
    public void refusesConfigurationThatIsNotJson() {
        assertRefused("{\"language\":", Status.Code.INVALID_ARGUMENT, "configuration is not valid JSON");
    }

    @Test
    public void refusesConfigurationThatIsNotAnObject() {
        assertRefused("[\"es\"]", Status.Code.INVALID_ARGUMENT,
                "configuration must be a JSON object like {\"language\":\"en\"}, was [\"es\"]");
    }

    @Test
    public void refusesAnUnknownLanguageNamingTheSupportedOnes() {
        assertRefused("{\"language\":\"fr\"}", Status.Code.INVALID_ARGUMENT,
                "unknown language \"fr\"; supported: en, es");
    }

    @Test
    public void refusesALanguageThatIsNotAString() {
        assertRefused("{\"language\":7}", Status.Code.INVALID_ARGUMENT,
                "configuration key \"language\" must be a string, was 7");
    }

    @Test
    public void aRefusedConfigurationKeepsThePreviousLanguage() {
        init("{\"language\":\"es\"}");
        assertRefused("{\"language\":\"fr\"}", Status.Code.INVALID_ARGUMENT, "unknown language");
        assertEquals("Hola world!", greet("world"));
    }

    @Test
    public void refusesToGreetBeforeInit() {
        StatusRuntimeException error = assertThrows(StatusRuntimeException.class, () -> greet("world"));
        assertEquals(Status.Code.FAILED_PRECONDITION, error.getStatus().getCode());
        assertEquals("the plugin is not initialized: call PluginInitializer/Init first",
                error.getStatus().getDescription());
    }

    private void init(String configuration) {
        PluginInitializerGrpc.newBlockingStub(plugin.channel()).init(PluginInitialization.Request.newBuilder()
                .setHostIdentity("test-node")
                .setRawConfiguration(ByteString.copyFrom(configuration, StandardCharsets.UTF_8))
                .build());
    }

    private String greet(String message) {
        return PluginGreetingGrpc.newBlockingStub(plugin.channel())
                .greeting(PluginHelloWorld.Request.newBuilder().setMsg(message).build()).getMsg();
    }

    private void assertRefused(String configuration, Status.Code code, String descriptionStart) {
        StatusRuntimeException error = assertThrows(StatusRuntimeException.class, () -> init(configuration));
        assertEquals(code, error.getStatus().getCode());
        String description = error.getStatus().getDescription();
        if (!description.startsWith(descriptionStart)) {
            throw new AssertionError("expected a description starting with <" + descriptionStart + "> but was <"
                    + description + ">");
        }
    }
}
