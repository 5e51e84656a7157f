package io.ipcbench;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.util.Optional;

/**
 * Prints every skipped test and its reason on the console, where whoever runs mvn verify reads:
 * surefire counts skips there but keeps their reasons in its report files, so a test that could
 * not run here (no second core, no namespaces) would otherwise look like one that passed.
 * Registered for every test class through the service file beside junit-platform.properties.
 */
public final class SkipsPrinted implements TestWatcher {
    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        print(context, cause.getMessage());
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        print(context, reason.orElse("disabled"));
    }

    private static void print(ExtensionContext context, String reason) {
        String test = context.getRequiredTestClass().getSimpleName() + context.getTestMethod().map(m -> "." + m.getName()).orElse("");
        System.out.println("SKIPPED " + test + " [" + context.getDisplayName() + "]: " + reason);
    }
}
