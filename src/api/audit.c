/*
 * The audit log for administrators: GET /api/v1/audit, newest first; the
 * cursor is the id to continue below.
 */
#include <inttypes.h>
#include <stdio.h>

#include "api/api.h"
#include "core/audit.h"

void api_audit_list(struct http_request *req)
{
    json_t *data;
    int limit;
    int64_t before, last;

    if (!api_page(req, &limit, &before))
        return;
    enum store_rc rc = audit_list(http_db(req), http_principal(req)->account_id,
                                  before, limit, &data, &last);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    api_reply_page(req, data, json_array_size(data), limit, last);
}
