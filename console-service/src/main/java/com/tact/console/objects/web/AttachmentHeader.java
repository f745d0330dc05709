package com.tact.console.objects.web;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} for an object's file name (RFC 6266): an ASCII-only {@code filename}
 * for old clients and {@code filename*=UTF-8''...} (RFC 8187) with every byte outside attr-char percent-encoded,
 * so that no quote, semicolon, CR or LF of a key can end the header or add a parameter.
 */
final class AttachmentHeader {

    private static final String ATTR_CHAR = "!#$&+-.^_`|~";

    private AttachmentHeader() {
    }

    static String forKey(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (name.isEmpty()) {
            name = "download";
        }
        return "attachment; filename=\"" + asciiFallback(name) + "\"; filename*=UTF-8''" + encode(name);
    }

    static String asciiFallback(String name) {
        var out = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> out.append(cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\' && cp != '%'
                ? (char) cp : '_'));
        return out.toString();
    }

    static String encode(String name) {
        var out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ATTR_CHAR.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
