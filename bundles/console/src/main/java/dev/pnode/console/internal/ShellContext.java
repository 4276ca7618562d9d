package dev.pnode.console.internal;

import dev.pnode.api.node.NodeProperties;
import org.apache.felix.gogo.jline.Shell;
import org.osgi.framework.BundleContext;

/**
 * What Gogo JLine's {@link Shell} asks of its host. Unlike the node's own console, leaving an attached session
 * never stops the framework; and the shell's home ({@code gosh.home}, where it looks for
 * {@code etc/attach_profile}) is the distribution directory.
 */
final class ShellContext implements Shell.Context {

    private final BundleContext context;

    ShellContext(BundleContext context) {
        this.context = context;
    }

    @Override
    public String getProperty(String name) {
        if (name.equals("gosh.home") && context.getProperty(NodeProperties.HOME) != null) {
            return context.getProperty(NodeProperties.HOME);
        }
        return context.getProperty(name);
    }

    @Override
    public void exit() {
        // an attached session ends by itself; the node goes on
    }
}
