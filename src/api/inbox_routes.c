/*
 * The inbox backend's route table: the least role of each endpoint in one
 * place. Supervisors manage shared configuration (labels, canned replies,
 * attributes, merges); agents work conversations and contacts.
 */
#include "api/inbox_api.h"

#define AGENT      ROLE_AGENT
#define SUPERVISOR ROLE_SUPERVISOR
#define ADMIN      ROLE_ADMINISTRATOR
#define CONV       "/api/v1/conversations"
#define CONTACTS   "/api/v1/contacts"

static const struct http_route routes[] = {
    {"GET", CONV, api_inbox_conversations_list, AGENT, 0},
    {"GET", CONV "/counts", api_inbox_conversations_counts, AGENT, 0},
    {"POST", CONV "/bulk", api_inbox_conversations_bulk, AGENT, 0},
    {"PATCH", CONV "/{id}", api_inbox_conversation_update, AGENT, 0},
    {"POST", CONV "/{id}/labels/{label_id}", api_inbox_conversation_label_add,
     AGENT, 0},
    {"DELETE", CONV "/{id}/labels/{label_id}",
     api_inbox_conversation_label_remove, AGENT, 0},
    {"POST", CONV "/{id}/viewing", api_conversation_viewing, AGENT, 0},
    {"POST", CONV "/{id}/presence/typing", api_presence_typing, AGENT, 0},

    {"GET", "/api/v1/labels", api_labels_list, AGENT, 0},
    {"POST", "/api/v1/labels", api_labels_create, SUPERVISOR, 0},
    {"PATCH", "/api/v1/labels/{id}", api_labels_update, SUPERVISOR, 0},
    {"DELETE", "/api/v1/labels/{id}", api_labels_delete, SUPERVISOR, 0},

    {"GET", "/api/v1/canned-replies", api_canned_list, AGENT, 0},
    {"GET", "/api/v1/canned-replies/suggest", api_canned_suggest, AGENT, 0},
    {"POST", "/api/v1/canned-replies", api_canned_create, SUPERVISOR, 0},
    {"PATCH", "/api/v1/canned-replies/{id}", api_canned_update, SUPERVISOR, 0},
    {"DELETE", "/api/v1/canned-replies/{id}", api_canned_delete, SUPERVISOR, 0},

    {"GET", "/api/v1/attributes", api_attributes_list, AGENT, 0},
    {"POST", "/api/v1/attributes", api_attributes_create, SUPERVISOR, 0},
    {"PATCH", "/api/v1/attributes/{id}", api_attributes_update, SUPERVISOR, 0},
    {"DELETE", "/api/v1/attributes/{id}", api_attributes_delete, SUPERVISOR, 0},

    {"GET", CONTACTS, api_contacts_list, AGENT, 0},
    {"GET", CONTACTS "/export.csv", api_contacts_export, SUPERVISOR, 0},
    {"POST", CONTACTS "/import", api_contacts_import, SUPERVISOR,
     HTTP_RAW_BODY | HTTP_BIG_BODY},
    {"POST", CONTACTS "/merge", api_contacts_merge, SUPERVISOR, 0},
    {"GET", CONTACTS "/{id}", api_contacts_get, AGENT, 0},
    {"PATCH", CONTACTS "/{id}", api_contacts_update, AGENT, 0},
    {"GET", CONTACTS "/{id}/conversations", api_contact_conversations, AGENT,
     0},
    {"GET", CONTACTS "/{id}/notes", api_contact_notes_list, AGENT, 0},
    {"POST", CONTACTS "/{id}/notes", api_contact_notes_create, AGENT, 0},
    {"PATCH", CONTACTS "/{id}/notes/{note_id}", api_contact_notes_update, AGENT,
     0},
    {"DELETE", CONTACTS "/{id}/notes/{note_id}", api_contact_notes_delete,
     AGENT, 0},
    {"POST", CONTACTS "/{id}/labels/{label_id}", api_contact_label_add, AGENT,
     0},
    {"DELETE", CONTACTS "/{id}/labels/{label_id}", api_contact_label_remove,
     AGENT, 0},

    {"GET", "/api/v1/search", api_search, AGENT, 0},
    {"PATCH", "/api/v1/account", api_account_update, ADMIN, 0},
    {"GET", "/api/v1/me/shortcuts", api_shortcuts_get, AGENT, 0},
    {"PUT", "/api/v1/me/shortcuts", api_shortcuts_put, AGENT, 0},
    {"GET", "/api/v1/presence", api_presence_list, AGENT, 0},
};

const struct http_route *api_inbox_routes(size_t *count)
{
    *count = sizeof routes / sizeof routes[0];
    return routes;
}
