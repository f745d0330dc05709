package com.tact.ciam.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.tact.ciam.users.UserDirectory;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;

class SignInFailureHandlerTest {

    private Instant now = Instant.parse("2026-01-05T09:00:00Z");
    private final UserDirectory directory = new UserDirectory(() -> now);
    private final SignInFailureHandler handler = new SignInFailureHandler(directory);

    @Test
    void wrongCredentialsSayNothingAboutTheAccount() {
        assertThat(handler.message(new BadCredentialsException("x"), "operator")).isEqualTo("Wrong user name or password");
    }

    @Test
    void anExpiredPasswordSaysWhenItWasSetAndWhoCanHelp() {
        directory.expirePasswordsAfter(Duration.ofMinutes(15));
        now = now.plus(Duration.ofMinutes(20));

        assertThat(handler.message(new CredentialsExpiredException("x"), "operator"))
                .isEqualTo("Your password has expired (set 20m ago, valid for 15m). Ask an admin to reset it.");
    }

    @Test
    void aDisabledAccountIsSaidToBeDisabled() {
        assertThat(handler.message(new DisabledException("x"), "viewer")).contains("disabled");
    }
}
