package com.tact.outbound.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tact.outbound.config.OutboundProperties;
import com.tact.outbound.config.PropertiesFixture;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class UrlGuardTest {

    private static OutboundProperties properties(List<String> allowed) {
        return PropertiesFixture.withAllowedHosts(allowed);
    }

    private static UrlGuard guard(List<String> allowed) {
        return new UrlGuard(properties(allowed));
    }

    @Test
    void loopbackPrivateAndMetadataAddressesAreRefused() {
        UrlGuard guard = guard(List.of());
        for (String url : List.of("http://127.0.0.1:8090/x", "http://localhost/x", "http://10.0.0.5/x", "http://192.168.1.1/",
                "http://169.254.169.254/latest/meta-data", "http://[::1]/x", "http://0.0.0.0/", "http://100.64.0.1/")) {
            assertThatThrownBy(() -> guard.check(url)).as(url).isInstanceOf(UrlGuard.RefusedUrlException.class)
                    .hasMessageContaining("private or loopback");
        }
    }

    @Test
    void ipv6AndIpv4MappedFormsOfInternalAddressesAreRefused() {
        UrlGuard guard = guard(List.of());
        for (String url : List.of("http://[::ffff:127.0.0.1]/x", "http://[::ffff:10.1.2.3]/x", "http://[::ffff:169.254.169.254]/",
                "http://[::127.0.0.1]/x", "http://[64:ff9b::a01:203]/x", "http://[fd00::1]/x", "http://[fe80::1]/x", "http://[::]/x",
                "http://[ff02::1]/x")) {
            assertThatThrownBy(() -> guard.check(url)).as(url).isInstanceOf(UrlGuard.RefusedUrlException.class)
                    .hasMessageContaining("private or loopback");
        }
        assertThat(guard.check("http://[2606:4700::1111]/x").getHost()).isEqualTo("[2606:4700::1111]");
    }

    @Test
    void aHostNameResolvingToAPrivateAddressIsRefused() {
        UrlGuard guard = new UrlGuard(properties(List.of()), host -> new InetAddress[] {
                InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 215, 14}),
                InetAddress.getByAddress(host, new byte[] {10, 1, 2, 3})});
        assertThatThrownBy(() -> guard.check("https://partner.example/api")).isInstanceOf(UrlGuard.RefusedUrlException.class)
                .hasMessageContaining("10.1.2.3");
    }

    @Test
    void onlyHttpWithoutCredentialsIsAccepted() {
        UrlGuard guard = guard(List.of("127.0.0.1"));
        assertThatThrownBy(() -> guard.check("file:///etc/passwd")).isInstanceOf(UrlGuard.RefusedUrlException.class);
        assertThatThrownBy(() -> guard.check("http://user:pw@127.0.0.1/")).isInstanceOf(UrlGuard.RefusedUrlException.class);
        assertThat(guard.check("http://127.0.0.1:8090/partners/a/primary").getPort()).isEqualTo(8090);
    }

    @Test
    void publicAddressLiteralsPass() {
        assertThat(guard(List.of()).check("https://93.184.215.14/api").getHost()).isEqualTo("93.184.215.14");
    }
}
