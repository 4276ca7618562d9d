package dev.pnode.sdk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;

/**
 * go-plugin's application protocol negotiation (its {@code server.go protocolVersion}): the host lists the
 * versions it speaks in {@code PLUGIN_PROTOCOL_VERSIONS}; the plugin picks the highest version both speak. When
 * they share none, the plugin still answers with its lowest version and lets the host refuse it, as go-plugin
 * does, so the host can name both sides' versions in its error.
 */
final class ProtocolVersions {

    private static final System.Logger LOG = System.getLogger(ProtocolVersions.class.getName());

    private ProtocolVersions() {
    }

    /**
     * @param supported the versions this plugin serves, not empty
     * @param hostVersions the value of {@code PLUGIN_PROTOCOL_VERSIONS}, a comma list; null or empty when unset
     */
    static int negotiate(SortedSet<Integer> supported, String hostVersions) {
        List<Integer> offered = parse(hostVersions);
        List<Integer> ours = new ArrayList<>(supported);
        Collections.reverse(ours);
        for (int version : ours) {
            if (offered.contains(version)) {
                return version;
            }
        }
        return supported.first();
    }

    /** Entries that are not numbers are skipped with a warning, as go-plugin skips them. */
    static List<Integer> parse(String hostVersions) {
        List<Integer> versions = new ArrayList<>();
        if (hostVersions == null || hostVersions.isEmpty()) {
            return versions;
        }
        for (String entry : hostVersions.split(",", -1)) {
            try {
                versions.add(Integer.parseInt(entry.trim()));
            } catch (NumberFormatException e) {
                LOG.log(System.Logger.Level.WARNING,
                        "host sent invalid plugin protocol version \"" + entry + "\" in PLUGIN_PROTOCOL_VERSIONS");
            }
        }
        return versions;
    }
}
