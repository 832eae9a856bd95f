/*
 * Contacts in bulk (supervisors):
 *   POST /api/v1/contacts/merge {keep_id, merge_id}
 *   GET  /api/v1/contacts/export.csv   every contact, RFC 4180
 *   POST /api/v1/contacts/import       text/csv; all rows or none
 */
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "api/inbox_api.h"
#include "base/buf.h"
#include "core/contact.h"
#include "core/crm.h"

/* Imports larger than this are refused before parsing. */
#define IMPORT_MAX_BYTES (8u << 20)

/* A required positive id member. */
static bool member_id(struct http_request *req, json_t *body, const char *key,
                      int64_t *out)
{
    json_t *v = json_object_get(body, key);

    if (!v) {
        http_reply_error(req, ERR_MISSING_FIELD, "'%s' is required", key);
        return false;
    }
    if (!json_is_integer(v) || json_integer_value(v) <= 0) {
        http_reply_error(req, ERR_INVALID_FIELD, "'%s' must be a positive id",
                         key);
        return false;
    }
    *out = json_integer_value(v);
    return true;
}

void api_contacts_merge(struct http_request *req)
{
    static const char *const fields[] = {"keep_id", "merge_id", NULL};
    int64_t account = http_principal(req)->account_id, keep, gone;
    json_t *body, *c;

    if (!(body = http_json(req)) || !api_only_fields(req, body, fields) ||
        !member_id(req, body, "keep_id", &keep) ||
        !member_id(req, body, "merge_id", &gone))
        return;
    if (keep == gone) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "keep_id and merge_id must differ");
        return;
    }
    if (!api_begin(req))
        return;
    enum store_rc rc = crm_contact_exists(http_db(req), account, keep);
    if (rc == STORE_OK)
        rc = crm_contact_exists(http_db(req), account, gone);
    if (rc == STORE_OK)
        rc = contact_merge(http_db(req), account, keep, gone);
    if (rc == STORE_OK)
        rc = crm_contact_get(http_db(req), account, keep, &c);
    if (rc) {
        api_rollback(req, rc, "the contacts cannot be merged");
        return;
    }
    json_object_set_new(c, "merged_id", json_integer(gone));
    api_inbox_finish(req, "contact.merged", c, 200, "contact", keep);
}

void api_contacts_export(struct http_request *req)
{
    struct buf out = BUF_INIT;
    enum store_rc rc =
        crm_export_csv(http_db(req), http_principal(req)->account_id, &out);

    if (rc) {
        buf_free(&out);
        api_reply_store_error(req, rc, NULL);
        return;
    }
    api_audit(req, "contacts.exported", "account",
              http_principal(req)->account_id, NULL);
    http_set_header(req, "Content-Disposition",
                    "attachment; filename=\"contacts.csv\"");
    http_reply_bytes(req, 200, "text/csv; charset=utf-8", out.data, out.len);
    buf_free(&out);
}

/* text/csv (with or without parameters) */
static bool is_csv(const char *type)
{
    return type && !strncasecmp(type, "text/csv", 8) &&
           (type[8] == '\0' || type[8] == ';' || type[8] == ' ');
}

/* Check the type and size, then import in one transaction; a file with
 * errors is rolled back whole and answered with every bad line. */
void api_contacts_import(struct http_request *req)
{
    struct crm_import_result res;
    size_t len;
    const char *data = http_body(req, &len);

    if (!is_csv(http_header(req, "Content-Type"))) {
        http_reply_error(req, ERR_MEDIA_TYPE, "send the file as text/csv");
        return;
    }
    if (len > IMPORT_MAX_BYTES) {
        http_reply_error(req, ERR_TOO_LARGE, "the file is over 8 MiB");
        return;
    }
    if (!api_begin(req))
        return;
    enum store_rc rc = crm_import_csv(
        http_db(req), http_principal(req)->account_id, data, len, &res);
    if (rc == STORE_CONSTRAINT) {
        db_rollback(http_db(req));
        http_reply_json(req, 422,
                        json_pack("{s{ss ss so}}", "error", "code",
                                  "invalid_field", "message",
                                  "the file has errors; nothing was imported",
                                  "rows", res.errors));
        return;
    }
    json_decref(res.errors);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    api_inbox_finish(req, "contacts.imported",
                     json_pack("{si si si}", "rows", res.rows, "created",
                               res.created, "updated", res.updated),
                     200, "account", http_principal(req)->account_id);
}
