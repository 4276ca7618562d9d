package dev.pnode.itest.osgi;

import java.util.List;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The Go helloworld example plugin, unmodified, as the node's helloworld provider. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GoPluginIT extends ExamplePluginChecks {

    @Configuration
    public Option[] config() {
        return PnodeContainer.node(List.of("pnode"), PnodeContainer.examplePluginSettings(pluginName(), "es"));
    }

    @Override
    protected String pluginName() {
        return "helloworld-go";
    }
}
