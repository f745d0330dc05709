package com.tact.outbound.dispatch;

import com.tact.outbound.config.OutboundProperties;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * SSRF guard for partner URLs: http(s) only, no credentials in the URL, and no host that resolves to a
 * loopback, private, link-local (cloud metadata), any-local or multicast address unless that host is on the
 * allow list ({@code tact.outbound.dispatch.allowed-private-hosts}, empty in AWS). Checked when endpoints are
 * configured and again before every call (DNS can change).
 */
@Component
public class UrlGuard {

    private final Set<String> allowed;

    public UrlGuard(OutboundProperties properties) {
        this.allowed = properties.dispatch().allowedPrivateHostsOrEmpty().stream()
                .map(h -> h.toLowerCase(Locale.ROOT).trim()).filter(h -> !h.isEmpty()).collect(Collectors.toSet());
    }

    /** The URI if it may be called; throws {@link RefusedUrlException} with the reason otherwise. */
    public URI check(String url) {
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
        String key = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
        if (allowed.contains(key)) {
            return uri;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(key);
        } catch (UnknownHostException e) {
            throw new RefusedUrlException("host does not resolve: " + host);
        }
        for (InetAddress a : addresses) {
            if (internal(a) && !allowed.contains(a.getHostAddress())) {
                throw new RefusedUrlException("host " + host + " resolves to a private or loopback address (" + a.getHostAddress()
                        + ") that is not on the allow list");
            }
        }
        return uri;
    }

    static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 16) {
            return (b[0] & 0xfe) == 0xfc;           // fc00::/7 unique local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second <= 127)   // 0/8, 100.64/10 carrier NAT
                || (first == 198 && (second == 18 || second == 19));           // 198.18/15 benchmarking
    }

    public static class RefusedUrlException extends RuntimeException {
        public RefusedUrlException(String message) {
            super(message);
        }
    }
}
