package com.tact.console.queues.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token a purge must be confirmed with: an HMAC of the queue, the user and the current time window. Nothing is
 * stored: a token is good for the queue and the user it was issued to, in its window and the next one (so for at
 * least one window, at most two), on every instance that shares the key.
 */
public final class PurgeConfirmation {

    private static final Base64.Encoder TOKEN = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final long windowMillis;
    private final Clock clock;

    public PurgeConfirmation(byte[] key, Duration window, Clock clock) {
        if (key.length < 16) {
            throw new IllegalStateException("the purge confirmation key needs at least 16 bytes");
        }
        if (window.toMillis() < 1000) {
            throw new IllegalStateException("the purge confirmation window must be at least 1 s");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** A key for this process only: tokens it issues are good on this instance alone. */
    public static byte[] randomKey() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    public String issue(String queue, String user) {
        return token(queue, user, window());
    }

    public boolean verify(String queue, String user, String token) {
        if (token == null) {
            return false;
        }
        byte[] given = token.getBytes(StandardCharsets.US_ASCII);
        long now = window();
        // the current window or the one before: a token issued at a window's end still has a full window
        return MessageDigest.isEqual(given, token(queue, user, now).getBytes(StandardCharsets.US_ASCII))
                | MessageDigest.isEqual(given, token(queue, user, now - 1).getBytes(StandardCharsets.US_ASCII));
    }

    /** How long a token issued now stays good, at least. */
    public Duration validity() {
        return Duration.ofMillis(windowMillis);
    }

    private long window() {
        return Math.floorDiv(clock.millis(), windowMillis);
    }

    private String token(String queue, String user, long window) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // lengths first: no (queue, user) pair can be shifted into another
            String input = "purge:" + queue.length() + ":" + queue + ":" + user.length() + ":" + user + ":" + window;
            return TOKEN.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
