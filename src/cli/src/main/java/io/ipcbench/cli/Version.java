package io.ipcbench.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The suite's version and the commit the CLI was built from, as Maven wrote them into
 * version.properties. A build from a tree without git (a source tarball) has no commit: "unknown".
 */
record Version(String version, String commit) {
    static final String UNKNOWN = "unknown";

    static Version ofThisBuild() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // a jar that cannot be read would not have started; an unknown version is still an answer
        }
        return of(properties.getProperty("version"), properties.getProperty("commit"));
    }

    /** A value Maven did not fill in (no such property when it built) is unknown, not a version. */
    static Version of(String version, String commit) {
        return new Version(known(version), known(commit));
    }

    private static String known(String value) {
        return value == null || value.isBlank() || value.contains("${") ? UNKNOWN : value.strip();
    }

    @Override
    public String toString() {
        return "ipcbench " + version + " (commit " + commit + ")";
    }
}
