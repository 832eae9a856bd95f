/*
 * Internals of media storage shared by the media files of whatsapp/ and
 * their tests: sealed files on disk, MIME sniffing, type agreement and
 * file-name cleaning. Not for other modules: they go through media.h.
 */
#ifndef PARLEY_WHATSAPP_MEDIA_INTERNAL_H
#define PARLEY_WHATSAPP_MEDIA_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/crypto.h"

/* Derive the key that seals attachments from the master key. */
void wa_media_key(const uint8_t *master, uint8_t key[CRYPTO_KEY_LEN]);

/*
 * Seal data under key (bound to account and id) and write it to
 * <data_dir>/media/<account>/<id> through a temporary file, fsync and
 * rename, so that the path holds either the old file or the whole new
 * one. Creates the directories (0700). Sets *relpath (caller frees) to the
 * path relative to data_dir. Returns 0, or -1 (logged, nothing left).
 */
int wa_media_file_write(const uint8_t key[CRYPTO_KEY_LEN], const char *data_dir,
                        int64_t account_id, int64_t id, const void *data,
                        size_t len, char **relpath);

/*
 * Read <data_dir>/<relpath> and open it with key for (account, id),
 * appending the plaintext to out. Refuses a relpath that climbs out of
 * data_dir. Returns 0, or -1 when missing, unreadable or altered (logged).
 */
int wa_media_file_read(const uint8_t key[CRYPTO_KEY_LEN], const char *data_dir,
                       const char *relpath, int64_t account_id, int64_t id,
                       struct buf *out);

/* Remove <data_dir>/<relpath> if it is a media path; missing is fine.
 * Returns 0 or -1. */
int wa_media_file_remove(const char *data_dir, const char *relpath);

/*
 * The MIME type libmagic finds in data, lower case without parameters
 * (caller frees), or NULL when libmagic cannot be used (logged once).
 * Thread-safe.
 */
char *wa_media_sniff(const void *data, size_t len);

/* mime without parameters, trimmed and lower-cased, into out. */
void wa_media_base_type(const char *mime, char *out, size_t n);

/*
 * Whether a declared MIME type and the one sniffed from the content name
 * the same format: equal base types, or a pair libmagic is known to report
 * differently (audio/ogg as application/ogg, .docx as application/zip...).
 */
bool wa_media_types_agree(const char *declared, const char *sniffed);

/*
 * A file name safe to show and to put in Content-Disposition: the last
 * path component, control characters, quotes, backslashes and
 * separators replaced by '_', at most 200 bytes, never starting with a
 * dot, UTF-8 kept whole. Returns a new string (caller frees); "" for NULL.
 */
char *wa_media_clean_filename(const char *name);

/* True when mime may be shown inline by a browser: raster images, audio,
 * video. Everything else is served as an attachment. */
bool wa_media_inline_ok(const char *mime);

/* The answer to one GET. body is owned: free with wa_media_http_clear. */
struct wa_media_http {
    long status; /* HTTP status; 0 when no response came */
    struct buf body;
    bool too_big; /* the body passed max_bytes; it was cut off */
    char error[256];
};
void wa_media_http_clear(struct wa_media_http *r);

/*
 * GET url (http or https only) with "Authorization: Bearer token",
 * following at most three redirects, within timeout_ms, keeping at most
 * max_bytes of body. Returns 0 when a response came (any status), -1 with
 * out->error set otherwise (including too_big). Blocks: for job workers.
 */
int wa_media_http_get(const char *url, const char *token, long timeout_ms,
                      size_t max_bytes, struct wa_media_http *out);

#endif
