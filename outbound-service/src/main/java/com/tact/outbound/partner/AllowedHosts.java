package com.tact.outbound.partner;

import java.util.List;
import java.util.Locale;

/**
 * A partner's host allow-list: an entry is an exact host name or address, or {@code *.example.com} for every host
 * below example.com (not example.com itself). Case-insensitive; IPv6 addresses without brackets.
 */
final class AllowedHosts {

    private final List<String> entries;

    AllowedHosts(List<String> entries) {
        this.entries = entries.stream().map(AllowedHosts::normalise).filter(e -> !e.isEmpty()).toList();
    }

    boolean allows(String host) {
        if (host == null) {
            return false;
        }
        String h = normalise(host);
        for (String e : entries) {
            if (e.startsWith("*.") ? h.endsWith(e.substring(1)) && h.length() > e.length() - 1 : h.equals(e)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return entries.toString();
    }

    private static String normalise(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
