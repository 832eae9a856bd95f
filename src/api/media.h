/*
 * The REST endpoints of media: serving a stored file to the agents of its
 * account, agents' uploads, and retrying a failed download. The channel
 * (whatsapp/media.c) hands this table to the server.
 */
#ifndef PARLEY_API_MEDIA_H
#define PARLEY_API_MEDIA_H

#include <stdbool.h>
#include <stddef.h>

#include "http/http.h"

/* The media routes; a static table, *count receives its length. */
const struct http_route *api_media_routes(size_t *count);

/*
 * Find the part named "file" of a multipart/form-data body. content_type
 * is the request's header (with the boundary). On success returns true
 * with *data / *len pointing into body, and the part's Content-Type and
 * file name (may be "") copied into type and name. Never reads outside
 * body. Returns false with *why (static text) otherwise.
 */
bool api_media_multipart_file(const char *content_type, const char *body,
                              size_t body_len, const char **data, size_t *len,
                              char *type, size_t type_cap, char *name,
                              size_t name_cap, const char **why);

#endif
