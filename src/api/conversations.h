/*
 * REST handlers for reading conversations and their messages, served
 * with the channel's inbound routes (see whatsapp/ingest.c). Agents see
 * the conversations of their own account only.
 */
#ifndef PARLEY_API_CONVERSATIONS_H
#define PARLEY_API_CONVERSATIONS_H

#include "http/http.h"

/* GET /api/v1/conversations?status=open|pending|snoozed|resolved|all
 * &limit=&cursor=<last_message_at>:<id> */

/* GET /api/v1/conversations/{id}: with contact, last message and the
 * contact's window in that inbox. */
void api_conversations_get(struct http_request *req);

/* GET /api/v1/conversations/{id}/messages?limit=&cursor=: newest first. */
void api_conversation_messages(struct http_request *req);

#endif
