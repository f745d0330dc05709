package com.tact.testsupport.runtime;

import java.util.Map;
import org.testcontainers.DockerClientFactory;

/**
 * Where the ITs' emulator and Postgres come from, chosen by one switch, TACT_TEST_RUNTIME:
 * {@code processes} (the default) uses the host processes ./tact test starts and the variables it exports;
 * {@code containers} starts Postgres and a LocalStack-compatible emulator as containers, once per JVM, provisions
 * them from cloud/resources.json and provides the same variables, which {@link com.tact.testsupport.Env}, the
 * services started in the tests' JVM ({@link TestRuntimeEnvironment}) and those started as processes
 * ({@link com.tact.testsupport.ServiceProcess}) read instead of the process environment. A failure (no Docker, an
 * unknown value) is remembered and repeated to every caller; nothing falls back to the host processes.
 */
public final class TestRuntime {

    public static final String SWITCH = RuntimeSelection.SWITCH;

    private static Outcome outcome;

    private TestRuntime() {
    }

    /** The containers' variables; empty for processes. The first call in a JVM starts the containers. */
    public static synchronized Map<String, String> variables() {
        if (outcome == null) {
            outcome = select();
        }
        if (outcome.failure != null) {
            throw new IllegalStateException(outcome.failure.getMessage(), outcome.failure);
        }
        return outcome.variables;
    }

    /** Whether the runtime, rather than the process environment, answers for this variable. */
    public static boolean provides(String name) {
        // only a provided name may start the containers: TACT_IT_TIME_SCALE and the like never do
        return RuntimeSelection.PROVIDED.contains(name) && variables().containsKey(name);
    }

    private static Outcome select() {
        try {
            var selection = new RuntimeSelection(() -> DockerClientFactory.instance().isDockerAvailable(),
                    new TestcontainersStarter(), new ScriptProvisioner(), ResourceNames.ofCheckout());
            var variables = selection.variables(System::getenv);
            RuntimeSelection.sdkSystemProperties(variables).forEach(System::setProperty);
            return new Outcome(variables, null);
        } catch (RuntimeException e) {
            return new Outcome(Map.of(), e);
        }
    }

    private record Outcome(Map<String, String> variables, RuntimeException failure) {
    }
}
