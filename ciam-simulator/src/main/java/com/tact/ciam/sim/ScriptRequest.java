package com.tact.ciam.sim;

import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

/**
 * The body of {@code PUT /sim/script}.
 *
 * @param steps              the new script (empty or absent: answer normally)
 * @param passwordTtlSeconds when present, passwords are valid this long from now on (0: for ever) and every
 *                           password counts as set now; when absent, password state is left as it is
 */
public record ScriptRequest(@Valid List<Step> steps, @PositiveOrZero Long passwordTtlSeconds) {

    public List<Step> stepsOrNone() {
        return steps == null ? List.of() : steps;
    }
}
