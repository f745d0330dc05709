package com.tact.ciam.users;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The simulator's users (viewer, operator, admin, each with the role of its name) and their password state:
 * when each password was set, whether passwords expire, whether an account is enabled. Every user has the dev
 * password; only its age changes.
 */
public final class UserDirectory {

    static final List<String> USERS = List.of("viewer", "operator", "admin");

    private final InstantSource clock;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private volatile Duration passwordTtl;

    public UserDirectory(InstantSource clock) {
        this.clock = clock;
        reset();
    }

    public Optional<Account> find(String username) {
        return Optional.ofNullable(username).map(accounts::get);
    }

    public List<Account> accounts() {
        return USERS.stream().map(accounts::get).toList();
    }

    /** How long a password is valid after it was set; empty when passwords do not expire. */
    public Optional<Duration> passwordTtl() {
        return Optional.ofNullable(passwordTtl);
    }

    public PasswordAge passwordAge(Account account) {
        return new PasswordAge(Duration.between(account.passwordSetAt(), clock.instant()), passwordTtl);
    }

    /** Passwords are valid {@code ttl} from now on (null: for ever), and every password counts as set now. */
    public void expirePasswordsAfter(Duration ttl) {
        passwordTtl = ttl;
        accounts.replaceAll((name, account) -> account.withPasswordSetAt(clock.instant()));
    }

    public void resetPassword(String username) {
        update(username, account -> account.withPasswordSetAt(clock.instant()));
    }

    public void enable(String username, boolean enabled) {
        update(username, account -> account.withEnabled(enabled));
    }

    /** As at start: every account enabled, passwords set now and never expiring. */
    public void reset() {
        passwordTtl = null;
        for (String name : USERS) {
            accounts.put(name, new Account(name, List.of(name), clock.instant(), true));
        }
    }

    private void update(String username, UnaryOperator<Account> change) {
        if (accounts.computeIfPresent(username, (name, account) -> change.apply(account)) == null) {
            throw new UnknownUserException(username);
        }
    }
}
