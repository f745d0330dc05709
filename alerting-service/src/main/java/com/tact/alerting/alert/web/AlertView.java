package com.tact.alerting.alert.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.tact.alerting.alert.Alert;

/**
 * An alert as the API shows it to this caller: the alert's fields, and whether its body is withheld from them (an
 * alert of a restricted topic, read by a viewer: {@code GET /api/alerts/{id}/body} answers 403 then).
 */
record AlertView(@JsonUnwrapped Alert alert, boolean bodyWithheld) {
}
