package com.tact.ciam.sim;

import com.tact.ciam.users.UnknownUserException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** The simulator's REST errors as ProblemDetail: unknown names are 404, unreadable or invalid scripts 400. */
@RestControllerAdvice
class SimProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler({UnknownUserException.class, Scenario.UnknownScenarioException.class})
    ProblemDetail unknown(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }
}
