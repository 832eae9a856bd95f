/*
 * REST handlers of the outbound side of the WhatsApp channel: sending
 * messages and notes, undo send, mark as read, typing, templates. Routed
 * by the channel (wa_dispatch_routes in whatsapp/dispatch.c).
 */
#ifndef PARLEY_API_OUTBOUND_H
#define PARLEY_API_OUTBOUND_H

#include "http/http.h"

void api_messages_create(struct http_request *req);
void api_messages_cancel(struct http_request *req);
void api_conversation_read(struct http_request *req);
void api_conversation_typing(struct http_request *req);
void api_templates_list(struct http_request *req);
void api_templates_sync(struct http_request *req);

#endif
