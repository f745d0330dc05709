package com.tact.ciam.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** Serves the sign-in page; Spring Security's form login handles the POST to the same path. */
@Controller
class SignInController {

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String signIn(HttpServletRequest request, CsrfToken csrf) {
        HttpSession session = request.getSession(false);
        String message = null;
        if (session != null && request.getParameter("error") != null) {
            message = (String) session.getAttribute(SignInFailureHandler.MESSAGE);
            session.removeAttribute(SignInFailureHandler.MESSAGE);
        }
        return SignInPage.render(csrf, message, request.getContextPath() + "/login");
    }
}
