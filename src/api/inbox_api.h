/*
 * The inbox backend's REST API: what the agent UI needs beyond sending and
 * receiving (conversation actions and the filtered list, labels, canned
 * replies, contacts and CSV, custom attributes, search, settings, and
 * collision control). Documented in docs/api/inbox.md.
 */
#ifndef PARLEY_API_INBOX_API_H
#define PARLEY_API_INBOX_API_H

#include <stddef.h>

#include <jansson.h>
#include <stdint.h>

#include "http/http.h"

/*
 * The end of a change made inside the transaction the handler began:
 * publish event type (when not NULL) with obj for agents, audit it as
 * type on target_type/target_id, commit, and reply obj with status (or an
 * empty 204). Takes obj.
 */
void api_inbox_finish(struct http_request *req, const char *type, json_t *obj,
                      int status, const char *target_type, int64_t target_id);

/* Reply {"data": data, "next_cursor": null} for a complete list. Takes
 * data. */
void api_inbox_reply_all(struct http_request *req, json_t *data);

/* The routes, to be placed before the channel's: "/conversations/counts"
 * and "/conversations/bulk" must win over "/conversations/{id}". */
const struct http_route *api_inbox_routes(size_t *count);

/* conversations */
void api_inbox_conversations_list(struct http_request *req);
void api_inbox_conversations_counts(struct http_request *req);
void api_inbox_conversation_update(struct http_request *req);
void api_inbox_conversations_bulk(struct http_request *req);
void api_inbox_conversation_label_add(struct http_request *req);
void api_inbox_conversation_label_remove(struct http_request *req);

/* labels */
void api_labels_list(struct http_request *req);
void api_labels_create(struct http_request *req);
void api_labels_update(struct http_request *req);
void api_labels_delete(struct http_request *req);

/* canned replies */
void api_canned_list(struct http_request *req);
void api_canned_create(struct http_request *req);
void api_canned_update(struct http_request *req);
void api_canned_delete(struct http_request *req);
void api_canned_suggest(struct http_request *req);

/* custom attribute definitions */
void api_attributes_list(struct http_request *req);
void api_attributes_create(struct http_request *req);
void api_attributes_update(struct http_request *req);
void api_attributes_delete(struct http_request *req);

/* contacts */
void api_contacts_list(struct http_request *req);
void api_contacts_get(struct http_request *req);
void api_contacts_update(struct http_request *req);
void api_contact_conversations(struct http_request *req);
void api_contact_notes_list(struct http_request *req);
void api_contact_notes_create(struct http_request *req);
void api_contact_notes_update(struct http_request *req);
void api_contact_notes_delete(struct http_request *req);
void api_contact_label_add(struct http_request *req);
void api_contact_label_remove(struct http_request *req);
void api_contacts_merge(struct http_request *req);
void api_contacts_export(struct http_request *req);
void api_contacts_import(struct http_request *req);

/* search, settings, presence */
void api_search(struct http_request *req);
void api_account_update(struct http_request *req);
void api_shortcuts_get(struct http_request *req);
void api_shortcuts_put(struct http_request *req);
void api_conversation_viewing(struct http_request *req);
void api_presence_typing(struct http_request *req);
void api_presence_list(struct http_request *req);

#endif
