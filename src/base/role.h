/*
 * The roles of a help desk's people, lowest to highest. Both the HTTP
 * routes (the least role a route needs) and the domain code use them.
 */
#ifndef PARLEY_BASE_ROLE_H
#define PARLEY_BASE_ROLE_H

/* ROLE_NONE marks a public route: no sign-in needed. */
enum role {
    ROLE_NONE = 0,
    ROLE_AGENT = 1,
    ROLE_SUPERVISOR = 2,
    ROLE_ADMINISTRATOR = 3
};

/* "agent", "supervisor", "administrator" ("none" for ROLE_NONE). */
const char *role_name(enum role r);

/* Parse a role name; returns ROLE_NONE when it is not one. */
enum role role_parse(const char *name);

#endif
