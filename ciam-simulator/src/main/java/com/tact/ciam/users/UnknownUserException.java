package com.tact.ciam.users;

/** A /sim call named a user the directory does not have. */
public class UnknownUserException extends RuntimeException {

    public UnknownUserException(String username) {
        super("no such user: " + username + " (the users are viewer, operator and admin)");
    }
}
