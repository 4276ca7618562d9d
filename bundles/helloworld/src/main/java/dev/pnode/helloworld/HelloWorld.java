package dev.pnode.helloworld;

import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Greets: the contract of the helloworld plugin interface, registered as an OSGi service while a helloworld
 * plugin runs (service property {@code pnode.plugin.interface=helloworld}).
 */
@ProviderType
public interface HelloWorld {

    /**
     * Asks the plugin to greet, e.g. {@code "Hello world!"} for {@code "world"}, depending on its configuration.
     *
     * @throws HelloWorldException when the plugin cannot be reached, times out or fails
     */
    String greeting(String msg);

    /**
     * {@link #greeting} without holding the calling thread: the answer, or a {@link HelloWorldException}, completes
     * the stage on the plugin channel's I/O thread, so stages chained to it must not block (chain with an executor
     * for blocking work). A contract method {@code xAsync} returning a {@code CompletionStage} is the asynchronous
     * variant of {@code x}: JSON-RPC calls it for {@code plugin@<interface>_x} over HTTP, so that no server thread
     * waits for the plugin.
     */
    CompletionStage<String> greetingAsync(String msg);
}
