package dev.ratchet.runtime.rest;

import jakarta.ws.rs.core.UriInfo;

/** Absolute links in responses, built from the address the client used. */
public final class Links {

    private Links() {
    }

    /** The request's base URI without a trailing slash, e.g. {@code http://127.0.0.1:8080}. */
    public static String base(UriInfo uri) {
        String base = uri.getBaseUri().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
