package org.locationvisits;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project version, written into {@code version.properties} by the build. */
public final class Version {
    public static final String VERSION = read();

    private Version() {
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
