package io.rngstream.devstack;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * What makes a {@link KafkaBroker} secure: a test CA, the broker's PKCS12 keystore and a truststore (made at test
 * time under a directory of the caller's choosing), the SCRAM-SHA-512 passwords of the broker's own user and of an
 * admin user (random, bootstrapped into the metadata log when the data directory is formatted), and the settings
 * clients need. The broker then has a {@code SASL_SSL} listener (SCRAM-SHA-512), an {@code SSL} listener that
 * requires a client certificate (principal {@code User:<CN>}), the standard authorizer and no access without an ACL.
 */
public final class BrokerSecurity {

    /** The only SASL mechanism the secure broker enables. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
    /** The broker's own SCRAM user: inter-broker traffic; a super user. */
    public static final String BROKER_USER = "broker";
    /** The operator's SCRAM user: creates topics, users and ACLs; a super user. */
    public static final String ADMIN_USER = "admin";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final TestPki pki;
    private final String storePassword;
    private final Path brokerKeystore;
    private final Path truststore;
    private final String brokerPassword;
    private final String adminPassword;

    private BrokerSecurity(final Path dir) {
        this.dir = Directories.create(dir.toAbsolutePath());
        this.pki = TestPki.create("rng-devstack-test-ca");
        this.storePassword = randomSecret();
        this.brokerKeystore = pki.issueServerKeystore("broker", this.dir.resolve("broker.p12"), storePassword.toCharArray());
        this.truststore = pki.writeTruststore(this.dir.resolve("truststore.p12"), storePassword.toCharArray());
        this.brokerPassword = randomSecret();
        this.adminPassword = randomSecret();
    }

    /** Makes a CA, the broker's keystore and a truststore in {@code dir}, and random passwords. */
    public static BrokerSecurity create(final Path dir) {
        return new BrokerSecurity(Objects.requireNonNull(dir, "dir"));
    }

    /** A random 128-bit secret in hex: test passwords are never written in code. */
    public static String randomSecret() {
        final byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The PKCS12 truststore with the test CA, for clients. */
    public Path truststore() {
        return truststore;
    }

    /** The password of the truststore and of every keystore issued here. */
    public String storePassword() {
        return storePassword;
    }

    /** Issues a client certificate {@code CN=name} (principal {@code User:name} on the SSL listener) into dir. */
    public Path issueClientKeystore(final String name) {
        return pki.issueClientKeystore(name, dir.resolve("client-" + name + ".p12"), storePassword.toCharArray());
    }

    /** Client settings (without bootstrap.servers) for SCRAM user {@code user} over SASL_SSL. */
    public Map<String, Object> scramClient(final String user, final String password) {
        final Map<String, Object> properties = tlsTrust();
        properties.put("security.protocol", "SASL_SSL");
        properties.put("sasl.mechanism", SCRAM_MECHANISM);
        properties.put("sasl.jaas.config", jaas(user, password));
        return properties;
    }

    /** Client settings (without bootstrap.servers) for the admin super user over SASL_SSL. */
    public Map<String, Object> adminClient() {
        return scramClient(ADMIN_USER, adminPassword);
    }

    /** Client settings (without bootstrap.servers) for the SSL listener presenting {@code keystore}. */
    public Map<String, Object> mutualTlsClient(final Path keystore) {
        final Map<String, Object> properties = tlsTrust();
        properties.put("security.protocol", "SSL");
        properties.put("ssl.keystore.location", keystore.toString());
        properties.put("ssl.keystore.type", "PKCS12");
        properties.put("ssl.keystore.password", storePassword);
        properties.put("ssl.key.password", storePassword);
        return properties;
    }

    /** Client settings (without bootstrap.servers) for the SSL listener that trust the broker but have no certificate. */
    public Map<String, Object> tlsClientWithoutCertificate() {
        final Map<String, Object> properties = tlsTrust();
        properties.put("security.protocol", "SSL");
        return properties;
    }

    /** Creates or updates SCRAM-SHA-512 user {@code user} through the Admin API. */
    public static void upsertScramUser(final Admin admin, final String user, final String password) {
        try {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create SCRAM user " + user, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Arguments for StorageTool's format: SCRAM users that must exist before the broker can talk to itself. */
    List<String> formatArguments() {
        return List.of(
                "--add-scram", SCRAM_MECHANISM + "=[name=" + BROKER_USER + ",password=" + brokerPassword + "]",
                "--add-scram", SCRAM_MECHANISM + "=[name=" + ADMIN_USER + ",password=" + adminPassword + "]");
    }

    /** server.properties entries for the secure listeners, the authorizer and the TLS stores. */
    Map<String, String> brokerProperties(final int saslPort, final int sslPort, final int controllerPort) {
        final String host = LoopbackPorts.HOST;
        final Map<String, String> values = new LinkedHashMap<>();
        values.put("listeners", "SASL_SSL://" + host + ":" + saslPort + ",SSL://" + host + ":" + sslPort
                + ",CONTROLLER://" + host + ":" + controllerPort);
        values.put("advertised.listeners", "SASL_SSL://" + host + ":" + saslPort + ",SSL://" + host + ":" + sslPort);
        values.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL,SSL:SSL");
        values.put("inter.broker.listener.name", "SASL_SSL");
        values.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
        values.put("sasl.mechanism.inter.broker.protocol", SCRAM_MECHANISM);
        values.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas(BROKER_USER, brokerPassword));
        values.put("ssl.keystore.location", brokerKeystore.toString());
        values.put("ssl.keystore.type", "PKCS12");
        values.put("ssl.keystore.password", storePassword);
        values.put("ssl.key.password", storePassword);
        values.put("ssl.truststore.location", truststore.toString());
        values.put("ssl.truststore.type", "PKCS12");
        values.put("ssl.truststore.password", storePassword);
        values.put("listener.name.ssl.ssl.client.auth", "required");
        // CN=alice becomes User:alice, so ACLs name TLS and SCRAM principals alike.
        values.put("ssl.principal.mapping.rules", "RULE:^CN=([^,]+)$/$1/,DEFAULT");
        values.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        values.put("allow.everyone.if.no.acl.found", "false");
        // The controller listener stays PLAINTEXT on loopback (devstack only), where the broker talks to its own
        // controller as ANONYMOUS; in production it is TLS or managed (MSK).
        values.put("super.users", "User:" + BROKER_USER + ";User:" + ADMIN_USER + ";User:ANONYMOUS");
        return values;
    }

    private Map<String, Object> tlsTrust() {
        final Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("ssl.truststore.location", truststore.toString());
        properties.put("ssl.truststore.type", "PKCS12");
        properties.put("ssl.truststore.password", storePassword);
        return properties;
    }

    private static String jaas(final String user, final String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }
}
