package com.tact.testsupport.runtime;

import java.util.Map;
import java.util.function.Function;

/**
 * What the container runtime starts: Postgres of Aurora's engine version and one LocalStack-compatible emulator,
 * LocalStack when LOCALSTACK_AUTH_TOKEN is set (its images need one since March 2026), else MiniStack (token-free,
 * the same emulator that TACT_EMULATOR=ministack runs as a host process). Tags are pinned.
 */
public record ContainerPlan(String postgresImage, Emulator emulator) {

    /** Aurora's engine_version (terraform/modules/aurora, modules/stack: 15.10; the major of the Debian Postgres the host tests use). */
    static final String POSTGRES_IMAGE = "postgres:15.10";
    static final String LOCALSTACK_IMAGE = "localstack/localstack:2026.3.0";
    /** The release ./tact pins for the host process (ministack 1.5.x). */
    static final String MINISTACK_IMAGE = "ministackorg/ministack:1.5.33";
    static final String AUTH_TOKEN = "LOCALSTACK_AUTH_TOKEN";

    /** @param environment the container's variables (the auth token for LocalStack) */
    public record Emulator(String name, String image, Map<String, String> environment) {

        @Override
        public String toString() {   // the token must not reach a log or an assertion message
            return name + " (" + image + ", variables " + environment.keySet() + ")";
        }
    }

    static ContainerPlan from(Function<String, String> env) {
        String token = env.apply(AUTH_TOKEN);
        var emulator = token == null || token.isBlank()
                ? new Emulator("MiniStack", MINISTACK_IMAGE, Map.of())
                : new Emulator("LocalStack", LOCALSTACK_IMAGE, Map.of(AUTH_TOKEN, token));
        return new ContainerPlan(POSTGRES_IMAGE, emulator);
    }
}
