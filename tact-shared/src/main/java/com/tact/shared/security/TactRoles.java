package com.tact.shared.security;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;

/**
 * The suite's three roles: a viewer reads, an operator acts (push, merge, replay, redrive, switch, silence), an
 * admin changes partner endpoints and weights, feeds, and purges queues. Each includes the ones below it.
 */
public enum TactRoles {
    VIEWER, OPERATOR, ADMIN;

    /** The Spring authority of the role, e.g. {@code ROLE_OPERATOR}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The role a claim value names (case-insensitive, with or without {@code ROLE_}), if any. */
    public static Optional<TactRoles> fromClaimValue(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String name = value.trim().toUpperCase(Locale.ROOT);
        if (name.startsWith("ROLE_")) {
            name = name.substring(5);
        }
        for (TactRoles role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** admin > operator > viewer. */
    public static RoleHierarchy hierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(ADMIN.name()).implies(OPERATOR.name())
                .role(OPERATOR.name()).implies(VIEWER.name())
                .build();
    }

    public static List<String> names() {
        return List.of(VIEWER.name(), OPERATOR.name(), ADMIN.name());
    }
}
