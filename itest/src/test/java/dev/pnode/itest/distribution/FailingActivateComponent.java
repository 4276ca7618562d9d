package dev.pnode.itest.distribution;

/**
 * The component of the test bundle {@link LoggingIT} deploys: its activate method throws, which Felix SCR reports
 * through the OSGi log. Uses nothing but java.lang, so the bundle needs no imports.
 */
public final class FailingActivateComponent {

    static final String FAILURE = "activate failed on purpose (pnode logging test)";

    public void activate() {
        throw new IllegalStateException(FAILURE);
    }
}
