package com.tact.outbound.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedHostsTest {

    @Test
    void anExactHostMatchesItselfOnlyIgnoringCase() {
        var allowed = new AllowedHosts(List.of("api.custodian.example", " 127.0.0.1 "));
        assertThat(allowed.allows("API.Custodian.example")).isTrue();
        assertThat(allowed.allows("api.custodian.example.")).isTrue();
        assertThat(allowed.allows("127.0.0.1")).isTrue();
        assertThat(allowed.allows("evil.api.custodian.example")).isFalse();
        assertThat(allowed.allows("api.custodian.example.evil.test")).isFalse();
        assertThat(allowed.allows(null)).isFalse();
    }

    @Test
    void aWildcardMatchesTheHostsBelowTheDomainNotTheDomainOrLookAlikes() {
        var allowed = new AllowedHosts(List.of("*.partner.example"));
        assertThat(allowed.allows("east.partner.example")).isTrue();
        assertThat(allowed.allows("a.b.partner.example")).isTrue();
        assertThat(allowed.allows("partner.example")).isFalse();
        assertThat(allowed.allows("evilpartner.example")).isFalse();
        assertThat(allowed.allows("partner.example.evil.test")).isFalse();
    }

    @Test
    void anEmptyListAllowsNothing() {
        assertThat(new AllowedHosts(List.of()).allows("localhost")).isFalse();
        assertThat(new AllowedHosts(List.of(" ", "")).allows("")).isFalse();
    }

    @Test
    void ipv6AddressesMatchWithOrWithoutBrackets() {
        assertThat(new AllowedHosts(List.of("::1")).allows("[::1]")).isTrue();
    }
}
