package io.rngstream.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Function;

/**
 * Finds the unpacked Apicurio Registry server (the directory with {@code quarkus-run.jar}): system property
 * {@value #PROPERTY}, else environment variable {@value #ENV}, else where the rng-devstack build unpacked it.
 */
public final class RegistryHome {

    /** Environment variable that overrides the location. */
    public static final String ENV = "RNG_DEVSTACK_REGISTRY_HOME";
    /** System property that overrides the location (wins over {@value #ENV}). */
    public static final String PROPERTY = "rng.devstack.registry.home";

    static final String RUN_JAR = "quarkus-run.jar";
    private static final String BUILD_PROPERTIES = "devstack.properties";

    private RegistryHome() {
    }

    /** The registry home directory; throws with a message on how to get one when it is missing. */
    public static Path locate() {
        return locate(System::getProperty, System::getenv);
    }

    static Path locate(final Function<String, String> systemProperties, final Function<String, String> environment) {
        final Properties build = buildProperties();
        final String version = build.getProperty("registry.version", "3.x");
        final String fromProperty = systemProperties.apply(PROPERTY);
        final String fromEnv = environment.apply(ENV);
        final String source;
        final String location;
        if (notBlank(fromProperty)) {
            source = "system property " + PROPERTY;
            location = fromProperty;
        } else if (notBlank(fromEnv)) {
            source = "environment variable " + ENV;
            location = fromEnv;
        } else {
            source = "the rng-devstack build (" + BUILD_PROPERTIES + ")";
            location = build.getProperty("registry.home");
        }
        if (!notBlank(location) || location.contains("${")) {
            throw new IllegalStateException(notFound("no location is known (" + source + " is empty)", version));
        }
        final Path home = Path.of(location.trim()).toAbsolutePath();
        if (!Files.isRegularFile(home.resolve(RUN_JAR))) {
            throw new IllegalStateException(notFound(home + " (from " + source + ") has no " + RUN_JAR, version));
        }
        return home;
    }

    private static String notFound(final String what, final String version) {
        return "Apicurio Registry server not found: " + what + ". Build rng-devstack to unpack it: "
                + "./mvnw -pl devstack -am install (unpacks io.apicurio:apicurio-registry-app:" + version
                + ":tar.gz:all into devstack/target/apicurio-registry), or set " + ENV
                + " to a directory where that archive is unpacked.";
    }

    private static Properties buildProperties() {
        final Properties properties = new Properties();
        try (InputStream in = RegistryHome.class.getResourceAsStream(BUILD_PROPERTIES)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUILD_PROPERTIES, e);
        }
        return properties;
    }

    private static boolean notBlank(final String value) {
        return value != null && !value.isBlank();
    }
}
