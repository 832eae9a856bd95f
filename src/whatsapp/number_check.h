/*
 * A live check of one WhatsApp number against its Graph API: is the token
 * valid and the number reachable? Used by `parley doctor` and by the
 * inbox settings' "check" action. Blocking; a few seconds at most.
 */
#ifndef PARLEY_WHATSAPP_NUMBER_CHECK_H
#define PARLEY_WHATSAPP_NUMBER_CHECK_H

#include <stdbool.h>

struct wa_number_check {
    bool ok;              /* token valid and number found */
    long http_status;     /* 0 when the server could not be reached */
    long long graph_code; /* the Graph error code, when there was one */
    char problem[256];    /* what went wrong, for people; "" when ok */
    char display_phone_number[32];
    char verified_name[128];
    char quality_rating[16];
};

/* GET {base}/{version}/{phone_number_id} with the token. Fills *out;
 * returns 0 when the number checked out, -1 otherwise. */
int wa_number_check(const char *base, const char *version,
                    const char *phone_number_id, const char *token,
                    struct wa_number_check *out);

#endif
