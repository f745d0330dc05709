package com.tact.outbound.partner;

import com.tact.outbound.config.OutboundProperties;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * SSRF guard for partner and token URLs: http(s) only, no credentials in the URL, and no host that resolves to a
 * loopback, private, link-local (cloud metadata), any-local or multicast address (IPv4-mapped and NAT64 forms
 * included) unless that host is on the allow list ({@code tact.outbound.dispatch.allowed-private-hosts}, empty
 * in AWS). {@link #check} is used when endpoints are configured; on every call the HTTP client resolves host names
 * through {@link #resolve} alone, so that the addresses checked are the addresses connected to (no second DNS
 * answer can lead the call elsewhere).
 */
@Component
public class UrlGuard {

    /** Name resolution; the system resolver in production, a scripted one in tests (DNS rebinding). */
    @FunctionalInterface
    public interface Dns {
        InetAddress[] lookup(String host) throws UnknownHostException;
    }

    private final Set<String> allowed;
    private final Dns dns;

    @Autowired
    public UrlGuard(OutboundProperties properties) {
        this(properties, InetAddress::getAllByName);
    }

    public UrlGuard(OutboundProperties properties, Dns dns) {
        this.allowed = properties.dispatch().allowedPrivateHostsOrEmpty().stream()
                .map(h -> h.toLowerCase(Locale.ROOT).trim()).filter(h -> !h.isEmpty()).collect(Collectors.toSet());
        this.dns = dns;
    }

    /** The URI if it may be called now (its host resolved and checked); throws {@link RefusedUrlException} otherwise. */
    public URI check(String url) {
        URI uri = checkSyntax(url);
        resolve(uri.getHost());
        return uri;
    }

    /** Scheme, credentials and host of the URL, without resolving it: the call resolves through {@link #resolve}. */
    public URI checkSyntax(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new RefusedUrlException("not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new RefusedUrlException("only http and https URLs are allowed: " + url);
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedUrlException("credentials in a partner URL are not allowed");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new RefusedUrlException("URL without a host: " + url);
        }
        return uri;
    }

    /** The addresses of {@code host}, each checked; the only resolution a guarded call makes. */
    public InetAddress[] resolve(String host) {
        String key = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
        InetAddress[] addresses;
        try {
            addresses = dns.lookup(key);
        } catch (UnknownHostException e) {
            throw new RefusedUrlException("host does not resolve: " + host);
        }
        if (allowed.contains(key)) {
            return addresses;
        }
        for (InetAddress a : addresses) {
            if (internal(a) && !allowed.contains(a.getHostAddress())) {
                throw new RefusedUrlException("host " + host + " resolves to a private or loopback address (" + a.getHostAddress()
                        + ") that is not on the allow list");
            }
        }
        return addresses;
    }

    static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 16) {
            InetAddress embedded = embeddedIpv4((Inet6Address) a);
            return (b[0] & 0xfe) == 0xfc                 // fc00::/7 unique local
                    || (embedded != null && internal(embedded));
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second <= 127)   // 0/8, 100.64/10 carrier NAT
                || (first == 198 && (second == 18 || second == 19));           // 198.18/15 benchmarking
    }

    /** The IPv4 address inside an IPv4-compatible (::a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) IPv6 address. */
    private static InetAddress embeddedIpv4(Inet6Address a) {
        byte[] b = a.getAddress();
        boolean zeroPrefix = true;
        for (int i = 0; i < 12; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (!zeroPrefix && !nat64) {
            return null;
        }
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException impossible) {
            return null;
        }
    }

    public static class RefusedUrlException extends RuntimeException {
        public RefusedUrlException(String message) {
            super(message);
        }
    }
}
