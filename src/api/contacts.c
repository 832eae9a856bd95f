/*
 * Contacts (the CRM pane):
 *   GET   /api/v1/contacts?q=&label=&attr.<key>=<value>&limit=&cursor=
 *   GET|PATCH /api/v1/contacts/{id}, GET /api/v1/contacts/{id}/conversations
 *   GET|POST /api/v1/contacts/{id}/notes,
 *   PATCH|DELETE /api/v1/contacts/{id}/notes/{note_id} (author or
 *   supervisor), POST|DELETE /api/v1/contacts/{id}/labels/{label_id}
 * Merge and CSV are in contacts_csv.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/inbox_api.h"
#include "core/attribute.h"
#include "core/crm.h"
#include "core/label.h"
#include "core/search.h"

/* The first query parameter named attr.<key>: MHD gives no iteration, so
 * the key comes from ?attr=<key>&value=... or attr.<key> for the keys
 * defined on contacts. */
static enum store_rc find_attr_filter(struct http_request *req,
                                      const char **key, const char **value)
{
    json_t *defs, *d;
    size_t i;
    enum store_rc rc = attribute_list(
        http_db(req), http_principal(req)->account_id, "contact", &defs);

    *key = *value = NULL;
    if (rc)
        return rc;
    json_array_foreach(defs, i, d)
    {
        const char *k = json_string_value(json_object_get(d, "key"));
        char name[64];
        snprintf(name, sizeof name, "attr.%s", k);
        const char *v = http_query(req, name);
        if (v) {
            /* Borrow from the request: defs is freed below. */
            size_t n = strlen(k) + 1;
            char *copy = http_alloc(req, n);
            memcpy(copy, k, n);
            *key = copy;
            *value = v;
            break;
        }
    }
    json_decref(defs);
    return STORE_OK;
}

void api_contacts_list(struct http_request *req)
{
    struct crm_contact_query q = {.account_id =
                                      http_principal(req)->account_id};
    const char *label = http_query(req, "label");
    int64_t last;
    json_t *data;
    char *end;

    if (!api_page(req, &q.limit, &q.before_id))
        return;
    q.q = http_query(req, "q");
    if (q.q && strlen(q.q) > SEARCH_QUERY_MAX * 4) {
        http_reply_error(req, ERR_BAD_REQUEST, "q is too long");
        return;
    }
    if (label && *label) {
        q.label_id = strtoll(label, &end, 10);
        if (*end || q.label_id <= 0) {
            http_reply_error(req, ERR_BAD_REQUEST,
                             "label must be a positive id");
            return;
        }
    }
    enum store_rc rc = find_attr_filter(req, &q.attr_key, &q.attr_value);
    if (rc == STORE_OK)
        rc = crm_contact_list(http_db(req), &q, &data, &last);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    api_reply_page(req, data, json_array_size(data), q.limit, last);
}

void api_contacts_get(struct http_request *req)
{
    int64_t id;
    json_t *c;

    if (!http_param_id(req, "id", &id))
        return;
    enum store_rc rc =
        crm_contact_get(http_db(req), http_principal(req)->account_id, id, &c);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    http_reply_json(req, 200, c);
}

/* Check the plain members of a contact PATCH into ch. */
static bool parse_contact(struct http_request *req, json_t *body,
                          struct crm_contact_change *ch)
{
    static const char *const fields[] = {
        "name", "email", "phone", "language", "blocked", "attributes", NULL};

    memset(ch, 0, sizeof *ch);
    if (!api_only_fields(req, body, fields) ||
        !api_string(req, body, "name", false, 200, &ch->name) ||
        !api_string(req, body, "email", false, 254, &ch->email) ||
        !api_string(req, body, "phone", false, 21, &ch->phone) ||
        !api_string(req, body, "language", false, 16, &ch->language) ||
        !api_bool(req, body, "blocked", &ch->blocked))
        return false;
    const char *bad =
        ch->email && ch->email[0] &&
                (!strchr(ch->email, '@') || strpbrk(ch->email, " \t"))
            ? "email is not an address"
        : ch->phone && ch->phone[0] &&
                strspn(ch->phone + (ch->phone[0] == '+'), "0123456789") !=
                    strlen(ch->phone + (ch->phone[0] == '+'))
            ? "phone must be digits, optionally after +"
            : NULL;
    if (bad)
        http_reply_error(req, ERR_INVALID_FIELD, "%s", bad);
    return bad == NULL;
}

/* Check and merge the attributes member into the stored ones, inside the
 * request's transaction; *merged NULL when absent. On false it has
 * rolled back and replied. */
static bool contact_attributes(struct http_request *req, json_t *body,
                               int64_t id, char **merged)
{
    json_t *patch = json_object_get(body, "attributes");
    char why[160];

    *merged = NULL;
    if (!patch)
        return true;
    enum store_rc rc =
        attribute_merge_stored(http_db(req), http_principal(req)->account_id,
                               "contact", id, patch, merged, why, sizeof why);
    if (rc == STORE_CONSTRAINT) {
        db_rollback(http_db(req));
        http_reply_error(req, ERR_INVALID_FIELD, "%s", why);
    } else if (rc) {
        api_rollback(req, rc, NULL);
    }
    return rc == STORE_OK;
}

/* Phases: parse, begin, check the contact is live, merge attributes,
 * write, reply the contact as it now is. */
void api_contacts_update(struct http_request *req)
{
    int64_t account = http_principal(req)->account_id, id;
    struct crm_contact_change ch;
    char *attrs = NULL;
    json_t *body, *c, *a;

    if (!http_param_id(req, "id", &id) || !(body = http_json(req)) ||
        !parse_contact(req, body, &ch))
        return;
    a = json_object_get(body, "attributes");
    if (a && !json_is_object(a)) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "'attributes' must be an object");
        return;
    }
    if (!api_begin(req))
        return;
    enum store_rc rc = crm_contact_exists(http_db(req), account, id);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    if (!contact_attributes(req, body, id, &attrs))
        return;
    ch.attributes = attrs;
    rc = crm_contact_update(http_db(req), account, id, &ch);
    free(attrs);
    if (rc == STORE_OK)
        rc = crm_contact_get(http_db(req), account, id, &c);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    api_inbox_finish(req, "contact.updated", c, 200, "contact", id);
}

void api_contact_conversations(struct http_request *req)
{
    int64_t id;
    json_t *data;

    if (!http_param_id(req, "id", &id))
        return;
    enum store_rc rc = crm_contact_conversations(
        http_db(req), http_principal(req)->account_id, id, &data);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    api_inbox_reply_all(req, data);
}

void api_contact_notes_list(struct http_request *req)
{
    int64_t id;
    json_t *data;

    if (!http_param_id(req, "id", &id))
        return;
    enum store_rc rc = crm_notes_list(
        http_db(req), http_principal(req)->account_id, id, &data);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    api_inbox_reply_all(req, data);
}

/* The note body of a POST or PATCH: required, non-empty. */
static bool parse_note(struct http_request *req, json_t *body,
                       const char **text)
{
    static const char *const fields[] = {"body", NULL};

    if (!api_only_fields(req, body, fields) ||
        !api_string(req, body, "body", true, CRM_NOTE_MAX, text))
        return false;
    if (!(*text)[0]) {
        http_reply_error(req, ERR_INVALID_FIELD, "body must not be empty");
        return false;
    }
    return true;
}

/* Reply with note note_id after a change, through api_inbox_finish. */
static void finish_note(struct http_request *req, int64_t note_id,
                        const char *type, int status)
{
    json_t *n;
    enum store_rc rc = crm_note_json(
        http_db(req), http_principal(req)->account_id, note_id, &n);

    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    api_inbox_finish(req, type, n, status, "contact_note", note_id);
}

void api_contact_notes_create(struct http_request *req)
{
    struct http_principal *p = http_principal(req);
    const char *text;
    int64_t id, note_id;
    json_t *body;

    if (!http_param_id(req, "id", &id) || !(body = http_json(req)) ||
        !parse_note(req, body, &text) || !api_begin(req))
        return;
    enum store_rc rc = crm_note_create(http_db(req), p->account_id, id,
                                       p->user_id, text, &note_id);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    finish_note(req, note_id, "contact_note.created", 201);
}

/* The note named by the path, which the principal may change: its author,
 * or a supervisor or administrator. False after replying. */
static bool own_note(struct http_request *req, int64_t *note_id)
{
    struct http_principal *p = http_principal(req);
    int64_t id, author;

    if (!http_param_id(req, "id", &id) ||
        !http_param_id(req, "note_id", note_id))
        return false;
    enum store_rc rc =
        crm_note_author(http_db(req), p->account_id, id, *note_id, &author);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return false;
    }
    if (author != p->user_id && p->role < ROLE_SUPERVISOR) {
        http_reply_error(req, ERR_FORBIDDEN,
                         "only the author or a supervisor may change a note");
        return false;
    }
    return true;
}

void api_contact_notes_update(struct http_request *req)
{
    const char *text;
    int64_t note_id;
    json_t *body;

    if (!own_note(req, &note_id) || !(body = http_json(req)) ||
        !parse_note(req, body, &text) || !api_begin(req))
        return;
    enum store_rc rc = crm_note_update(
        http_db(req), http_principal(req)->account_id, note_id, text);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    finish_note(req, note_id, "contact_note.updated", 200);
}

void api_contact_notes_delete(struct http_request *req)
{
    int64_t note_id;

    if (!own_note(req, &note_id) || !api_begin(req))
        return;
    enum store_rc rc =
        crm_note_delete(http_db(req), http_principal(req)->account_id, note_id);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    api_inbox_finish(req, "contact_note.deleted",
                     json_pack("{sI}", "id", (json_int_t)note_id), 204,
                     "contact_note", note_id);
}

/* Add or remove a label on the contact of the path; reply the contact. */
static void contact_label(struct http_request *req, bool add)
{
    int64_t account = http_principal(req)->account_id, id, label_id;
    json_t *c;

    if (!http_param_id(req, "id", &id) ||
        !http_param_id(req, "label_id", &label_id) || !api_begin(req))
        return;
    enum store_rc rc =
        label_contact_set(http_db(req), account, id, label_id, add);
    if (rc == STORE_OK)
        rc = crm_contact_get(http_db(req), account, id, &c);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    api_inbox_finish(req, "contact.updated", c, 200, "contact", id);
}

void api_contact_label_add(struct http_request *req)
{
    contact_label(req, true);
}

void api_contact_label_remove(struct http_request *req)
{
    contact_label(req, false);
}
