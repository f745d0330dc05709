package com.tact.console.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is signed in and what the pages may offer them (the services and the console still check every call). */
@RestController
class MeController {

    private final ConsoleUiProperties properties;

    MeController(ConsoleUiProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/api/me")
    Map<String, Object> me(Authentication caller, HttpServletRequest request) {
        var out = new LinkedHashMap<String, Object>();
        out.put("name", caller.getName());
        out.put("roles", caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).sorted().toList());
        out.put("tracesUrl", properties.tracesUrl() == null || properties.tracesUrl().isBlank() ? null : properties.tracesUrl());
        // the sign-out form posts it as _csrf (a form parameter is checked in its masked form, unlike the header)
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf) {
            out.put("csrfToken", csrf.getToken());
        }
        return out;
    }
}
