package dev.pnode.example.callback;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The callback plugin's contract, as an OSGi service: a greeting made by the plugin with a word it asks the host
 * for while it answers (go-plugin's broker carries that call back into the host).
 */
@ProviderType
public interface CallbackGreeter {

    /**
     * E.g. {@code greet("world")} = {@code "Hello world!"} when the host's value {@code greeting} is {@code Hello}.
     *
     * @throws CallbackException when the plugin or the call back into the host fails; the message says which
     */
    String greet(String name);
}
