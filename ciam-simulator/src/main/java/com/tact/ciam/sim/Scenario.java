package com.tact.ciam.sim;

import com.tact.ciam.users.UserDirectory;
import java.time.Duration;
import java.util.Arrays;

/** A named setting of the simulator that QA asks for by name ({@code POST /sim/scenarios/{name}}). */
enum Scenario {
    /** passwords are valid for 15 minutes from now */
    FSR("fsr", Duration.ofMinutes(15));

    private final String name;
    private final Duration passwordTtl;

    Scenario(String name, Duration passwordTtl) {
        this.name = name;
        this.passwordTtl = passwordTtl;
    }

    static Scenario named(String name) {
        return Arrays.stream(values()).filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new UnknownScenarioException(name));
    }

    void applyTo(UserDirectory directory) {
        directory.expirePasswordsAfter(passwordTtl);
    }

    static class UnknownScenarioException extends RuntimeException {
        UnknownScenarioException(String name) {
            super("no such scenario: " + name + " (known: fsr)");
        }
    }
}
