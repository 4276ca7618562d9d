package dev.pnode.itest.osgi;

import static org.junit.Assert.assertEquals;

import dev.pnode.api.PluginAdmin;
import dev.pnode.helloworld.HelloWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/** The Go helloworld example plugin, unmodified, as the node's helloworld provider. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GoPluginIT extends ExamplePluginChecks {

    @Configuration
    public Option[] config() {
        return PnodeContainer.node(List.of("pnode"), PnodeContainer.examplePluginSettings(pluginName(), "es"));
    }

    @Inject
    private BundleContext context;

    @Inject
    private PluginAdmin admin;

    @Inject
    private HelloWorld helloWorld;

    @Test
    public void aReloadAppliesTheGoPluginsNewConfig() throws Exception {
        Path settings = Path.of(context.getProperty("pnode.plugins"));
        String spanish = Files.readString(settings);
        try {
            Files.writeString(settings, spanish.replace("\"es\"", "\"en\""));
            admin.reload("helloworld");
            ServiceTracker<HelloWorld, HelloWorld> tracker = new ServiceTracker<>(context, HelloWorld.class, null);
            tracker.open();
            try {
                assertEquals("Hello go!", tracker.waitForService(60_000).greeting("go"));
            } finally {
                tracker.close();
            }
        } finally {
            Files.writeString(settings, spanish);
            admin.reload("helloworld");
        }
    }

    @Override
    protected String pluginName() {
        return "helloworld-go";
    }
}
