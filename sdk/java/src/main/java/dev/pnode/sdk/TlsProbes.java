package dev.pnode.sdk;

/**
 * Loads the classes of a TLS stack whose static initialisers make a default {@code SSLContext} only to ask what the
 * JDK supports (ciphers, protocols, ALPN): {@code init(null, null, null)} parses the JDK's {@code cacerts} trust
 * store (144 certificates; 180 ms of a plugin's start under load, and about 1 000 objects kept), which AutoMTLS never
 * uses. They are loaded while {@value #TRUST_STORE_PROPERTY} names no file; the property is restored at once, so a
 * plugin's own TLS clients still trust what they trusted before (the JDK reads the trust store again when the
 * property changed).
 */
final class TlsProbes {

    static final String TRUST_STORE_PROPERTY = "javax.net.ssl.trustStore";
    /** The JDK's name for "no trust store file". */
    private static final String NO_TRUST_STORE = "NONE";
    private static final System.Logger LOG = System.getLogger(TlsProbes.class.getName());

    private TlsProbes() {
    }

    /** Initialises each class (named, since some are package-private) unless absent from this version. */
    static void initialiseWithoutTrustStore(String... classNames) {
        String trustStore = System.getProperty(TRUST_STORE_PROPERTY);
        System.setProperty(TRUST_STORE_PROPERTY, NO_TRUST_STORE);
        try {
            for (String className : classNames) {
                initialise(className);
            }
        } finally {
            if (trustStore == null) {
                System.clearProperty(TRUST_STORE_PROPERTY);
            } else {
                System.setProperty(TRUST_STORE_PROPERTY, trustStore);
            }
        }
    }

    private static void initialise(String className) {
        try {
            Class.forName(className, true, TlsProbes.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            LOG.log(System.Logger.Level.DEBUG, "no " + className + " here: nothing to initialise");
        }
    }
}
