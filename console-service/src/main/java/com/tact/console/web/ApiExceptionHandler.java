package com.tact.console.web;

import com.tact.console.errors.ConsoleException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place REST errors become problem+json (RFC 9457): a status, a detail that says what and where, a
 * {@code reason} code, the {@code parameter} at fault, the request path as {@code instance}. Never a stack trace.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ConsoleException.class)
    ResponseEntity<ProblemDetail> console(ConsoleException e, HttpServletRequest request) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case CONFIRMATION_REQUIRED -> HttpStatus.PRECONDITION_REQUIRED;
            case THROTTLED, UPSTREAM_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case UPSTREAM_REFUSED -> HttpStatus.BAD_GATEWAY;
        };
        if (status.is5xxServerError()) {
            log.warn("{} {}: {} ({})", request.getMethod(), request.getRequestURI(), e.getMessage(), e.reason(),
                    e.getCause());
        }
        var problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("reason", e.reason());
        if (e.parameter() != null) {
            problem.setProperty("parameter", e.parameter());
        }
        e.properties().forEach(problem::setProperty);
        var response = ResponseEntity.status(status);
        if (e.kind() == ConsoleException.Kind.THROTTLED) {
            response.header(HttpHeaders.RETRY_AFTER, "5");
        }
        return response.body(problem);
    }

    /** A role the caller lacks (method security): 403 in the same shape as every other error. */
    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail denied(AccessDeniedException e, HttpServletRequest request) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "your role does not allow " + request.getMethod() + " " + request.getRequestURI());
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("reason", "role-insufficient");
        return problem;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, HttpServletRequest request) {
        log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "the console failed unexpectedly; the log has the details");
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<String> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + ": " + f.getDefaultMessage()).sorted().toList();
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.join("; ", errors));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /** Malformed JSON: say where, without echoing the input. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int cut = message.indexOf('\n');
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "unreadable request body: " + (cut > 0 ? message.substring(0, cut) : message));
        problem.setProperty("reason", "body-unreadable");
        return ResponseEntity.badRequest().body(problem);
    }
}
