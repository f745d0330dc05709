package com.tact.console.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
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
    Map<String, Object> me(Authentication caller) {
        var out = new LinkedHashMap<String, Object>();
        out.put("name", caller.getName());
        out.put("roles", caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).sorted().toList());
        out.put("tracesUrl", properties.tracesUrl() == null || properties.tracesUrl().isBlank() ? null : properties.tracesUrl());
        return out;
    }
}
