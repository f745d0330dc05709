package com.tact.ciam.sim;

import com.tact.ciam.users.Account;
import com.tact.ciam.users.PasswordAge;
import com.tact.ciam.users.UserDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What {@code GET /sim/state} shows: the script, the password TTL and each user's password age. */
record SimState(Script.ScriptState script, Long passwordTtlSeconds, List<UserState> users) {

    static SimState of(Script script, UserDirectory directory) {
        List<UserState> users = directory.accounts().stream().map(account -> UserState.of(account, directory)).toList();
        return new SimState(script.state(), directory.passwordTtl().map(Duration::toSeconds).orElse(null), users);
    }

    record UserState(String username, List<String> roles, boolean enabled, Instant passwordSetAt,
                     long passwordAgeSeconds, boolean passwordExpired) {

        static UserState of(Account account, UserDirectory directory) {
            PasswordAge age = directory.passwordAge(account);
            return new UserState(account.username(), account.roles(), account.enabled(), account.passwordSetAt(),
                    age.age().toSeconds(), age.expired());
        }
    }
}
