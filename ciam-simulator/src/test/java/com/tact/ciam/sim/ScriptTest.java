package com.tact.ciam.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptTest {

    private final MutableClock clock = new MutableClock();
    private final Script script = new Script(clock);

    @Test
    void anEmptyScriptAnswersNormally() {
        assertThat(script.next()).isEqualTo(Step.OK);
        assertThat(script.state().current()).isNull();
    }

    @Test
    void aStepWithTimesLastsThatManyCallsThenTheNextStepPlays() {
        script.replace(List.of(step(Mode.UNAVAILABLE, 2, null), step(Mode.SLOW, 1, null)));

        assertThat(List.of(script.next().mode(), script.next().mode(), script.next().mode(), script.next().mode()))
                .containsExactly(Mode.UNAVAILABLE, Mode.UNAVAILABLE, Mode.SLOW, Mode.OK);
    }

    @Test
    void aStepWithForMillisLastsThatLongAfterItsFirstCall() {
        script.replace(List.of(step(Mode.OK, null, 500L), step(Mode.UNAVAILABLE, null, null)));
        clock.advance(Duration.ofSeconds(10));   // the clock starts with the first call, not with the PUT

        assertThat(script.next().mode()).isEqualTo(Mode.OK);
        clock.advance(Duration.ofMillis(499));
        assertThat(script.next().mode()).isEqualTo(Mode.OK);
        clock.advance(Duration.ofMillis(1));
        assertThat(script.next().mode()).isEqualTo(Mode.UNAVAILABLE);
        clock.advance(Duration.ofDays(1));
        assertThat(script.next().mode()).as("a last step without times or forMillis plays for ever")
                .isEqualTo(Mode.UNAVAILABLE);
    }

    @Test
    void theStateShowsThePlayingStepItsUseAndWhatIsPending() {
        Step badKey = step(Mode.BAD_KEY, 3, null);
        Step slow = step(Mode.SLOW, 1, null);
        script.replace(List.of(badKey, slow));
        script.next();
        clock.advance(Duration.ofMillis(250));
        script.next();

        assertThat(script.state()).isEqualTo(new Script.ScriptState(badKey, 2, 250, List.of(slow)));
    }

    @Test
    void replacingTheScriptDropsThePlayingStep() {
        script.replace(List.of(step(Mode.UNAVAILABLE, null, null)));
        script.next();
        script.replace(List.of());

        assertThat(script.next()).isEqualTo(Step.OK);
    }

    private static Step step(Mode mode, Integer times, Long forMillis) {
        return new Step(mode, null, null, times, forMillis);
    }
}
