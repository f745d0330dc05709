package com.tact.ciam.signin;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/** The sign-in form: plain HTML, no script and nothing fetched from elsewhere. */
final class SignInPage {

    private SignInPage() {
    }

    static String render(CsrfToken csrf, String message, String formAction) {
        String problem = message == null ? "" : "<p id=\"problem\" role=\"alert\">" + HtmlUtils.htmlEscape(message) + "</p>";
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>Sign in - CIAM simulator</title>
                  <style>
                    body { font-family: sans-serif; max-width: 22rem; margin: 4rem auto; }
                    label, input, button { display: block; width: 100%%; margin-top: .5rem; }
                    #problem { color: #a00; }
                    small { color: #666; }
                  </style>
                </head>
                <body>
                  <h1>Sign in</h1>
                  <small>CIAM simulator: a dev/QA identity provider, never production.</small>
                  %s
                  <form method="post" action="%s">
                    <label for="username">User name</label>
                    <input id="username" name="username" autocomplete="username" autofocus required>
                    <label for="password">Password</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required>
                    <input type="hidden" name="%s" value="%s">
                    <button id="sign-in" type="submit">Sign in</button>
                  </form>
                </body>
                </html>
                """.formatted(problem, HtmlUtils.htmlEscape(formAction), HtmlUtils.htmlEscape(csrf.getParameterName()),
                HtmlUtils.htmlEscape(csrf.getToken()));
    }
}
