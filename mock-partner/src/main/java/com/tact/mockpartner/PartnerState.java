package com.tact.mockpartner;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/** Script, issued tokens and received calls of one partner. Bounded: only the latest calls are kept. */
final class PartnerState {

    static final int MAX_KEPT = 20_000;

    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Step> script = new ArrayDeque<>();
    private Step current;
    private int currentUsed;
    private long currentStartedAt;
    private long tokenTtlSeconds = 3600;
    private final Map<String, Long> tokens = new LinkedHashMap<>();   // token -> expiry (epoch millis)
    private final ArrayDeque<Received> received = new ArrayDeque<>();
    private final Set<String> acceptedKeys = new HashSet<>();
    private long calls;
    private long accepted;
    private long duplicates;
    private long unauthorized;
    private long tokenRequests;
    private final Map<String, Long> byEndpoint = new TreeMap<>();
    private final Map<Integer, Long> byStatus = new TreeMap<>();

    PartnerState(String name) {
        this.name = name;
    }

    void script(List<Step> steps, Long ttlSeconds) {
        lock.lock();
        try {
            script.clear();
            script.addAll(steps);
            current = null;
            if (ttlSeconds != null) {
                tokenTtlSeconds = ttlSeconds;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The behaviour for the next call to {@code endpoint}: accept when nothing is scripted. */
    Step next(String endpoint) {
        lock.lock();
        try {
            long now = System.currentTimeMillis();
            while (true) {
                if (current != null && current.matches(endpoint)) {
                    boolean exhausted = (current.times() != null && currentUsed >= current.times())
                            || (current.forMillis() != null && now - currentStartedAt >= current.forMillis());
                    if (!exhausted) {
                        currentUsed++;
                        return current;
                    }
                    current = null;
                } else if (current != null) {
                    // a step scoped to another endpoint: this call is answered normally
                    return Step.accept();
                }
                Step head = script.poll();
                if (head == null) {
                    return Step.accept();
                }
                current = head;
                currentUsed = 0;
                currentStartedAt = now;
            }
        } finally {
            lock.unlock();
        }
    }

    /** What the token endpoint answers instead of a token while the token script lasts: status, content type, body. */
    record TokenAnswer(int status, String contentType, String body, Integer times) {
    }

    private TokenAnswer tokenAnswer;
    private int tokenAnswerUsed;

    void scriptToken(TokenAnswer answer) {
        lock.lock();
        try {
            tokenAnswer = answer;
            tokenAnswerUsed = 0;
        } finally {
            lock.unlock();
        }
    }

    /** The scripted token answer for this request, or null to issue a token. */
    TokenAnswer nextTokenAnswer() {
        lock.lock();
        try {
            if (tokenAnswer == null || (tokenAnswer.times() != null && tokenAnswerUsed >= tokenAnswer.times())) {
                tokenAnswer = null;
                return null;
            }
            tokenAnswerUsed++;
            tokenRequests++;
            return tokenAnswer;
        } finally {
            lock.unlock();
        }
    }

    String issueToken() {
        lock.lock();
        try {
            tokenRequests++;
            String token = name + "." + java.util.UUID.randomUUID();
            tokens.put(token, System.currentTimeMillis() + tokenTtlSeconds * 1000);
            tokens.values().removeIf(exp -> exp < System.currentTimeMillis() - 60_000);
            return token;
        } finally {
            lock.unlock();
        }
    }

    long tokenTtlSeconds() {
        return tokenTtlSeconds;
    }

    boolean validToken(String token) {
        lock.lock();
        try {
            Long exp = token == null ? null : tokens.get(token);
            boolean ok = exp != null && exp > System.currentTimeMillis();
            if (!ok) {
                unauthorized++;
            }
            return ok;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the script and what was received; issued tokens stay valid, as they would at a real partner. */
    void resetHistory() {
        lock.lock();
        try {
            script.clear();
            current = null;
            tokenAnswer = null;
            received.clear();
            acceptedKeys.clear();
            calls = accepted = duplicates = unauthorized = tokenRequests = 0;
            byEndpoint.clear();
            byStatus.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Every token issued so far stops working (the "token expiry mid-stream" scenario). */
    void expireTokens() {
        lock.lock();
        try {
            tokens.clear();
        } finally {
            lock.unlock();
        }
    }

    Received record(String endpoint, String key, String eventType, String bucketId, Object body, int status) {
        return record(endpoint, key, eventType, bucketId, body, status, null);
    }

    Received record(String endpoint, String key, String eventType, String bucketId, Object body, int status, String traceparent) {
        lock.lock();
        try {
            calls++;
            byStatus.merge(status, 1L, Long::sum);
            boolean ok = status >= 200 && status < 300;
            boolean duplicate = false;
            if (ok) {
                duplicate = key != null && !acceptedKeys.add(key);
                if (duplicate) {
                    duplicates++;
                } else {
                    accepted++;
                    byEndpoint.merge(endpoint, 1L, Long::sum);
                }
            }
            Received r = new Received(calls, name, endpoint, key, eventType, bucketId, body, status, duplicate, Instant.now(), traceparent);
            received.addLast(r);
            if (received.size() > MAX_KEPT) {
                received.removeFirst();
            }
            return r;
        } finally {
            lock.unlock();
        }
    }

    List<Received> received(long afterN, int limit) {
        lock.lock();
        try {
            List<Received> out = new ArrayList<>();
            for (Received r : received) {
                if (r.n() > afterN) {
                    out.add(r);
                    if (out.size() >= limit) {
                        break;
                    }
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    Map<String, Object> stats() {
        lock.lock();
        try {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("partner", name);
            s.put("calls", calls);
            s.put("accepted", accepted);
            s.put("duplicates", duplicates);
            s.put("unauthorized", unauthorized);
            s.put("tokenRequests", tokenRequests);
            s.put("byStatus", new TreeMap<>(byStatus));
            s.put("acceptedByEndpoint", new TreeMap<>(byEndpoint));
            s.put("pendingSteps", script.size() + (current == null ? 0 : 1));
            return s;
        } finally {
            lock.unlock();
        }
    }
}
