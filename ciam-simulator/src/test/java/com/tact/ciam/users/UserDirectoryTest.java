package com.tact.ciam.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {

    private Instant now = Instant.parse("2026-01-05T09:00:00Z");
    private final UserDirectory directory = new UserDirectory(() -> now);

    @Test
    void theThreeUsersHaveTheRoleOfTheirName() {
        assertThat(directory.accounts()).extracting(Account::username, a -> a.roles().getFirst())
                .containsExactly(tuple("viewer", "viewer"),
                        tuple("operator", "operator"),
                        tuple("admin", "admin"));
    }

    @Test
    void passwordsNeverExpireUntilATtlIsSet() {
        now = now.plus(Duration.ofDays(400));

        assertThat(age("operator").expired()).isFalse();
    }

    @Test
    void aPasswordExpiresTtlAfterItWasSetAndAResetRenewsIt() {
        directory.expirePasswordsAfter(Duration.ofMinutes(15));
        now = now.plus(Duration.ofMinutes(14));
        assertThat(age("operator").expired()).isFalse();

        now = now.plus(Duration.ofMinutes(1));
        assertThat(age("operator").expired()).isTrue();

        directory.resetPassword("operator");
        assertThat(age("operator").expired()).isFalse();
        assertThat(age("admin").expired()).as("only the reset user is renewed").isTrue();
    }

    @Test
    void resetBringsBackTheStartingState() {
        directory.expirePasswordsAfter(Duration.ofSeconds(1));
        directory.enable("viewer", false);
        now = now.plus(Duration.ofSeconds(5));

        directory.reset();

        assertThat(directory.passwordTtl()).isEmpty();
        assertThat(directory.find("viewer")).get().extracting(Account::enabled).isEqualTo(true);
        assertThat(age("viewer").age()).isZero();
    }

    @Test
    void anUnknownUserIsNamedInTheError() {
        assertThatThrownBy(() -> directory.resetPassword("root")).isInstanceOf(UnknownUserException.class)
                .hasMessageContaining("root");
    }

    @Test
    void theExpiredMessageSaysWhenThePasswordWasSetAndHowLongItIsValid() {
        PasswordAge age = new PasswordAge(Duration.ofSeconds(16 * 60 + 3), Duration.ofMinutes(15));

        assertThat(age.expiredMessage())
                .isEqualTo("Your password has expired (set 16m 3s ago, valid for 15m). Ask an admin to reset it.");
        assertThat(PasswordAge.words(Duration.ofHours(26).plusSeconds(1))).isEqualTo("1d 2h 1s");
        assertThat(PasswordAge.words(Duration.ZERO)).isEqualTo("0s");
    }

    private PasswordAge age(String username) {
        return directory.passwordAge(directory.find(username).orElseThrow());
    }
}
