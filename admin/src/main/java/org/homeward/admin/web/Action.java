package org.homeward.admin.web;

/** What a route does: one small class per route (or per form), wired in the route table. */
@FunctionalInterface
public interface Action {
    /** Handles one request; an exception becomes the friendly 500 page. */
    Result handle(Exchange exchange) throws Exception;
}
