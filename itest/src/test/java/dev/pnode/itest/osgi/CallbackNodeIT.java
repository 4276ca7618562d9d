package dev.pnode.itest.osgi;

import static org.junit.Assert.assertEquals;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;

import dev.pnode.example.callback.CallbackGreeter;
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

/**
 * A Go plugin built with go-plugin that calls back into the node over the GRPCBroker: the node serves the host
 * side on a brokered connection, the plugin dials it and uses the value it gets.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CallbackNodeIT {

    @Inject
    private CallbackGreeter greeter;

    @Configuration
    public Option[] config() {
        String settings = "{\"baseDir\":\"" + System.getProperty("pnode.itest.plugins", "target/plugins") + "\","
                + "\"providers\":{\"callback\":{\"name\":\"callback-go\",\"version\":\"1.0.0\"}}}";
        Path interfaceBundle = Path.of(System.getProperty("pnode.callback.interface"));
        return new Option[] {
            composite(PnodeContainer.node(List.of("pnode"), settings)),
            bundle(interfaceBundle.toUri().toString()).startLevel(35),
        };
    }

    @Test
    public void thePluginGreetsWithTheWordItAskedTheNodeFor() {
        assertEquals("Hello world!", greeter.greet("world"));
    }
}
