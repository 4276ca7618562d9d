package dev.pnode.shell.internal;

/** The commands' one precondition: the host's services are there (they come and go with the host bundle). */
final class PluginHost {

    private PluginHost() {
    }

    static <T> T require(T service, Class<T> type) {
        if (service == null) {
            throw new IllegalStateException("the plugin host is not running (no " + type.getSimpleName()
                    + " service)");
        }
        return service;
    }
}
