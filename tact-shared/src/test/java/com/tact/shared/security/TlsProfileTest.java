package com.tact.shared.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.tact.testsupport.TestIssuer;
import java.io.FileInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The "tls" profile serves HTTPS from a PKCS#12 key store made as `./tact tls-cert` makes it (keytool, self-signed
 * for 127.0.0.1 and localhost): a client that trusts the certificate gets the API; one that does not is refused.
 */
class TlsProfileTest {

    @TempDir
    Path dir;

    @Test
    void theTlsProfileServesHttpsWithTheLocalCertificate() throws Exception {
        Path store = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "tact", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "30",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "local-dev-only")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();

        var args = new ArrayList<>(List.of(SecuredApp.PROPERTIES).stream().map(a -> "--" + a).toList());
        args.addAll(List.of("--server.port=0", "--spring.config.import=classpath:tact-shared.yml", "--spring.profiles.active=tls", "--TACT_TLS_KEYSTORE=file:" + store));
        try (var app = new SpringApplicationBuilder(SecuredApp.class).run(args.toArray(String[]::new))) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            var trust = KeyStore.getInstance("PKCS12");
            try (var in = new FileInputStream(store.toFile())) {
                trust.load(in, "local-dev-only".toCharArray());
            }
            var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            var ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            var uri = URI.create("https://127.0.0.1:" + port + "/api/things");
            var trusting = HttpClient.newBuilder().sslContext(ssl).build();
            var response = trusting.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TestIssuer.token("viewer"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.sslSession()).isPresent();

            var plain = HttpClient.newHttpClient();   // the JDK's default trust: the self-signed certificate is refused
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
        }
        assertThat(Files.size(store)).isPositive();
    }
}
