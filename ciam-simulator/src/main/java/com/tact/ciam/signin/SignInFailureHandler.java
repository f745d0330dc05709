package com.tact.ciam.signin;

import com.tact.ciam.users.UserDirectory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Tells the user why the sign-in failed (wrong credentials, expired password, disabled account) on the sign-in
 * page it redirects back to. The message travels in the session, which also keeps the authorization request
 * to resume after a successful sign-in.
 */
public class SignInFailureHandler implements AuthenticationFailureHandler {

    static final String WRONG_CREDENTIALS = "Wrong user name or password";
    static final String DISABLED = "This account is disabled. Ask an admin to enable it.";
    static final String LOCKED = "This account is locked. Ask an admin to unlock it.";
    static final String MESSAGE = SignInFailureHandler.class.getName() + ".message";

    private final UserDirectory directory;

    public SignInFailureHandler(UserDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        request.getSession().setAttribute(MESSAGE, message(exception, request.getParameter("username")));
        response.sendRedirect(request.getContextPath() + "/login?error");
    }

    String message(AuthenticationException exception, String username) {
        return switch (exception) {
            case CredentialsExpiredException _ -> directory.find(username)
                    .map(account -> directory.passwordAge(account).expiredMessage())
                    .orElse(WRONG_CREDENTIALS);
            case DisabledException _ -> DISABLED;
            case LockedException _ -> LOCKED;
            default -> WRONG_CREDENTIALS;
        };
    }
}
