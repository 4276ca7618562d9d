package dev.pnode.helloworld;

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
}
