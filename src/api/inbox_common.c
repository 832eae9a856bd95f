/*
 * What the inbox handlers share: finishing a change (event, audit,
 * commit, reply) and replying a list that has no further pages.
 */
#include "api/api.h"
#include "api/inbox_api.h"

void api_inbox_finish(struct http_request *req, const char *type, json_t *obj,
                      int status, const char *target_type, int64_t target_id)
{
    if (type && !api_emit(req, type, ROLE_AGENT, json_incref(obj))) {
        json_decref(obj);
        return;
    }
    if (type)
        api_audit(req, type, target_type, target_id, NULL);
    if (!api_commit(req)) {
        json_decref(obj);
        return;
    }
    if (status == 204) {
        json_decref(obj);
        http_reply_empty(req, 204);
        return;
    }
    http_reply_json(req, status, obj);
}

void api_inbox_reply_all(struct http_request *req, json_t *data)
{
    http_reply_json(req, 200,
                    json_pack("{so sn}", "data", data, "next_cursor"));
}
