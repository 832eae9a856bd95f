/*
 * Role names; see role.h.
 */
#include "base/role.h"

#include <string.h>

static const char *const names[] = {"none", "agent", "supervisor",
                                    "administrator"};

const char *role_name(enum role r)
{
    if (r < ROLE_NONE || r > ROLE_ADMINISTRATOR)
        return "none";
    return names[r];
}

enum role role_parse(const char *name)
{
    for (int r = ROLE_AGENT; r <= ROLE_ADMINISTRATOR; r++) {
        if (name && strcmp(name, names[r]) == 0)
            return (enum role)r;
    }
    return ROLE_NONE;
}
