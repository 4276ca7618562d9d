package dev.pnode.itest.deploy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The kvstore example as an operator adds it to a running node: its interface bundle and its plugin zip (build
 * outputs, see {@link DeployNode#artifact}) and a provider entry in the plugin settings. Uses no kvstore type.
 */
final class Kvstore {

    static final String INTERFACE_BUNDLE = "dev.pnode.example.kvstore.interface";
    static final String CONTRACT = "dev.pnode.example.kvstore.KeyValueStore";

    private Kvstore() {
    }

    static Path interfaceJar() {
        return DeployNode.artifact("pnode.kvstore.interface", "pnode-example-kvstore-interface", ".jar");
    }

    /** Waits until the interface bundle runs and has registered its PluginInterface. */
    static Bundle awaitInterface(BundleContext context) throws InterruptedException {
        Eventually.await(INTERFACE_BUNDLE + " active with its PluginInterface registered", () -> Bundles
                .find(context, INTERFACE_BUNDLE)
                .map(bundle -> bundle.getState() == Bundle.ACTIVE && bundle.getRegisteredServices() != null)
                .orElse(false));
        return Bundles.find(context, INTERFACE_BUNDLE).orElseThrow();
    }

    /** Copies kvstore-1.0.0.zip into the plugins folder and adds the provider to the settings file. */
    static void addProvider(BundleContext context, String config) throws IOException {
        Path settingsFile = Path.of(context.getProperty("pnode.plugins"));
        JsonObject settings = JsonParser.parseString(Files.readString(settingsFile)).getAsJsonObject();
        Path plugins = Path.of(settings.get("baseDir").getAsString());
        Files.copy(DeployNode.artifact("pnode.kvstore.plugin.zip", "pnode-example-kvstore-plugin", "-plugin.zip"),
                plugins.resolve("kvstore-1.0.0.zip"));
        JsonObject provider = new JsonObject();
        provider.addProperty("name", "kvstore");
        provider.addProperty("version", "1.0.0");
        provider.add("config", JsonParser.parseString(config));
        settings.getAsJsonObject("providers").add("kvstore", provider);
        Files.writeString(settingsFile, settings.toString());
    }
}
