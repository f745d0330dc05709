package com.tact.inbound.web;

/** A request body over its limit (HTTP 413). */
final class BodyTooLargeException extends RuntimeException {

    BodyTooLargeException(String message) {
        super(message);
    }
}
