package org.locationvisits;

/** The project version, from the jar manifest when packaged. */
public final class Version {
    public static final String VERSION = read();

    private Version() {
    }

    private static String read() {
        String fromManifest = Version.class.getPackage().getImplementationVersion();
        return fromManifest != null ? fromManifest : "0.1.0";
    }
}
