/*
 * What the Cloud API accepts as uploaded media: the MIME types per kind
 * and their size limits, and the check of a downloaded file's SHA-256
 * against the digest Meta gave (base64 in webhooks, hex from the media
 * endpoint; both accepted).
 */
#ifndef PARLEY_WHATSAPP_MEDIA_LIMITS_H
#define PARLEY_WHATSAPP_MEDIA_LIMITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/crypto.h"

/* Largest file a customer may send us (bigger ones arrive as 131052). */
#define WA_MEDIA_INBOUND_MAX (100LL * 1024 * 1024)

/*
 * Upload size limit in bytes for kind ("image", "audio", "video",
 * "document", "sticker") and MIME type; an animated sticker may be larger
 * than a static one, so pass animated for stickers. Returns -1 if the
 * kind is unknown or the MIME type is not allowed for it. Parameters
 * after ';' in mime (e.g. "audio/ogg; codecs=opus") are ignored, case too.
 */
/* The kind ("image", "audio", ...) that accepts the MIME type (its
 * parameters ignored), or NULL when WhatsApp takes it for no kind. */
const char *wa_media_kind_for_mime(const char *mime);

int64_t wa_media_max_size(const char *kind, const char *mime, bool animated);

/*
 * Checks an upload before it is sent to Meta. Returns 0, or -1 with a
 * sentence in err ("image/gif is not allowed for image; use image/jpeg or
 * image/png", "video is larger than 16 MB").
 */
int wa_media_check_upload(const char *kind, const char *mime, int64_t size,
                          bool animated, char *err, size_t errlen);

/*
 * True if given (the sha256 Meta reported: 64 hex digits in either case,
 * or standard base64 of the 32 bytes) equals digest. False for anything
 * malformed. Compares in constant time.
 */
bool wa_media_sha256_matches(const char *given,
                             const uint8_t digest[CRYPTO_SHA256_LEN]);

#endif
