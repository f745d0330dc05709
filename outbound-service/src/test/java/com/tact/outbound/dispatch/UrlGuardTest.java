package com.tact.outbound.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tact.outbound.config.OutboundProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

class UrlGuardTest {

    private static UrlGuard guard(List<String> allowed) {
        var dispatch = new OutboundProperties.Dispatch(true, 1, null, null, null, null, null, null, null, null, allowed);
        return new UrlGuard(new OutboundProperties("bus", null, dispatch, List.of()));
    }

    @Test
    void loopbackPrivateAndMetadataAddressesAreRefused() {
        UrlGuard guard = guard(List.of());
        for (String url : List.of("http://127.0.0.1:8090/x", "http://localhost/x", "http://10.0.0.5/x", "http://192.168.1.1/",
                "http://169.254.169.254/latest/meta-data", "http://[::1]/x", "http://0.0.0.0/", "http://100.64.0.1/")) {
            assertThatThrownBy(() -> guard.check(url)).as(url).isInstanceOf(UrlGuard.RefusedUrlException.class);
        }
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
