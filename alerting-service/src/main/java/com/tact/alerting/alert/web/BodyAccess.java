package com.tact.alerting.alert.web;

import com.tact.alerting.alert.Alert;
import com.tact.alerting.config.AlertingProperties;
import com.tact.shared.security.SecurityProblems.AuthorizationDeniedWithRole;
import com.tact.shared.security.TactRoles;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who reads an alert's body: whoever may read alerts, except that the bodies of a restricted topic
 * ({@code tact.alerting.restricted-topics}) are for operators and admins; a viewer sees the alert with
 * {@code bodyWithheld} and gets 403 for the body itself.
 */
@Component
class BodyAccess {

    private final AlertingProperties properties;

    BodyAccess(AlertingProperties properties) {
        this.properties = properties;
    }

    AlertView view(Alert alert, Authentication caller) {
        return new AlertView(alert, withheld(alert, caller));
    }

    void requireReadable(Alert alert, Authentication caller) {
        if (withheld(alert, caller)) {
            throw new AuthorizationDeniedWithRole("the body of an alert of topic " + alert.topic() + " is restricted",
                    TactRoles.OPERATOR);
        }
    }

    private boolean withheld(Alert alert, Authentication caller) {
        return properties.restricted(alert.topic()) && !isOperator(caller);
    }

    /** The token's roles are expanded through the hierarchy already: an admin has the operator authority too. */
    private static boolean isOperator(Authentication caller) {
        return caller != null && caller.getAuthorities().stream()
                .anyMatch(a -> TactRoles.OPERATOR.authority().equals(a.getAuthority()));
    }
}
