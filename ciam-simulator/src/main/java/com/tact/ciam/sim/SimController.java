package com.tact.ciam.sim;

import com.tact.ciam.users.UserDirectory;
import jakarta.validation.Valid;
import java.time.Duration;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The scripting API, without a credential like the mock partner's {@code /mock}: the simulator is a dev/QA tool
 * bound to loopback and never deployed to production. Every call answers the resulting state.
 */
@RestController
@RequestMapping("/sim")
class SimController {

    private final Script script;
    private final UserDirectory directory;

    SimController(Script script, UserDirectory directory) {
        this.script = script;
        this.directory = directory;
    }

    @GetMapping("/state")
    SimState state() {
        return SimState.of(script, directory);
    }

    @PutMapping("/script")
    SimState script(@Valid @RequestBody ScriptRequest request) {
        script.replace(request.stepsOrNone());
        if (request.passwordTtlSeconds() != null) {
            long ttl = request.passwordTtlSeconds();
            directory.expirePasswordsAfter(ttl == 0 ? null : Duration.ofSeconds(ttl));
        }
        return state();
    }

    @PostMapping("/scenarios/{name}")
    SimState scenario(@PathVariable String name) {
        Scenario.named(name).applyTo(directory);
        return state();
    }

    @PostMapping("/users/{username}/reset-password")
    SimState resetPassword(@PathVariable String username) {
        directory.resetPassword(username);
        return state();
    }

    @PostMapping("/users/{username}/disable")
    SimState disable(@PathVariable String username) {
        directory.enable(username, false);
        return state();
    }

    @PostMapping("/users/{username}/enable")
    SimState enable(@PathVariable String username) {
        directory.enable(username, true);
        return state();
    }

    /** Back to how the simulator started: no script, passwords set now and never expiring, every account enabled. */
    @PostMapping("/reset")
    SimState reset() {
        script.replace(List.of());
        directory.reset();
        return state();
    }
}
