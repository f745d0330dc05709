package com.tact.shared.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a token's role claim into the suite's roles. The claim is a list of names or one string of names separated
 * by spaces or commas, at a dotted path ({@code realm_access.roles}); names the suite does not know are ignored.
 * The authorities are expanded through the role hierarchy here, so that every check (URL rules, method security,
 * {@code isUserInRole}) sees an admin as an operator and a viewer too.
 */
public final class RolesClaimConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String claimPath;
    private final RoleHierarchy hierarchy;

    public RolesClaimConverter(String claimPath, RoleHierarchy hierarchy) {
        this.claimPath = claimPath;
        this.hierarchy = hierarchy;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        return new JwtAuthenticationToken(jwt, authorities(jwt.getClaims()), principalName(jwt));
    }

    /** The roles of a set of claims (an access token's, or an ID token's for a browser session). */
    public Collection<GrantedAuthority> authorities(Map<String, Object> claims) {
        Set<GrantedAuthority> granted = new LinkedHashSet<>();
        for (String value : roleValues(claims)) {
            TactRoles.fromClaimValue(value).ifPresent(role -> granted.add(new SimpleGrantedAuthority(role.authority())));
        }
        return List.copyOf(hierarchy.getReachableGrantedAuthorities(granted));
    }

    private List<String> roleValues(Map<String, Object> claims) {
        Object node = claims;
        for (String part : claimPath.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return List.of();
            }
            node = map.get(part);
        }
        var values = new ArrayList<String>();
        if (node instanceof Collection<?> list) {
            list.forEach(v -> values.add(String.valueOf(v)));
        } else if (node instanceof String text) {
            for (String v : text.split("[\\s,]+")) {
                if (!v.isEmpty()) {
                    values.add(v);
                }
            }
        }
        return values;
    }

    private static String principalName(Jwt jwt) {
        for (String claim : List.of("preferred_username", "client_id", "sub")) {
            String value = jwt.getClaimAsString(claim);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "unknown";
    }
}
