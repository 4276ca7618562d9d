package dev.pnode.itest.security;

import static org.junit.Assert.assertEquals;

import dev.pnode.helloworld.HelloWorld;
import dev.pnode.itest.security.HttpsClient.Answer;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/** Without a security plugin the HTTP endpoint is plain HTTP without tokens, as it always was. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlainHttpIT {

    @Inject
    private BundleContext context;

    /** Injection waits for the helloworld plugin to serve. */
    @Inject
    private HelloWorld helloWorld;

    @Configuration
    public Option[] config() {
        return HttpNode.options(false);
    }

    @Test
    public void greetsOverPlainHttpWithoutAToken() throws Exception {
        Answer answer = new HttpsClient(Integer.parseInt(context.getProperty("pnode.http.port")))
                .callPlain("plugin@helloworld_greeting", "[\"world\"]");
        assertEquals(answer.body().toString(), 200, answer.status());
        assertEquals("Hello world!", answer.body().get("result").getAsString());
    }
}
