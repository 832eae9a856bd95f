/*
 * The agent web app, embedded in the binary: routes that serve the built
 * files of web/dist (index.html, the hashed bundle, the service worker,
 * the manifest and icons) with their content types, strong ETags, cache
 * rules and a strict Content-Security-Policy.
 */
#ifndef PARLEY_HTTP_ASSETS_H
#define PARLEY_HTTP_ASSETS_H

#include <stddef.h>

#include "http/http.h"

/*
 * The routes of the web app, to add to the server's table: "/" and the
 * client-side pages ("/inbox/{id}", "/contacts", "/settings/{section}"...)
 * answer index.html, "/app/{file}" answers a file of the bundle, and
 * "/sw.js" and "/manifest.webmanifest" sit at the root so that the
 * service worker's scope is the whole app. None needs a session (the app
 * signs in through the API). Returns a static table of *n routes; nothing
 * to free.
 */
const struct http_route *http_assets_routes(size_t *n);

/*
 * Look up an embedded file by its name relative to web/dist ("index.html",
 * "app-1a2b3c4d.js"). Returns true and sets *data and *len (static bytes)
 * when it exists. For tests and for the CLI.
 */
bool http_assets_find(const char *name, const unsigned char **data,
                      size_t *len);

#endif
