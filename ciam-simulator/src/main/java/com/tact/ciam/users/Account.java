package com.tact.ciam.users;

import java.time.Instant;
import java.util.List;

/** One user of the directory as it is now: its roles, when its password was last set, whether it may sign in. */
public record Account(String username, List<String> roles, Instant passwordSetAt, boolean enabled) {

    public Account {
        roles = List.copyOf(roles);
    }

    Account withPasswordSetAt(Instant at) {
        return new Account(username, roles, at, enabled);
    }

    Account withEnabled(boolean value) {
        return new Account(username, roles, passwordSetAt, value);
    }
}
