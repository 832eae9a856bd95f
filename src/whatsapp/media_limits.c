/*
 * Upload whitelist and limits per media kind, from the contract's media
 * table (§3), and the digest comparison for downloads.
 */
#include "whatsapp/media_limits.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define KB 1024LL
#define MB (1024LL * 1024)

static const struct {
    const char *kind;
    const char *mime;
    int64_t max;
} allowed[] = {
    {"audio", "audio/aac", 16 * MB},
    {"audio", "audio/amr", 16 * MB},
    {"audio", "audio/mpeg", 16 * MB},
    {"audio", "audio/mp4", 16 * MB},
    {"audio", "audio/ogg", 16 * MB},
    {"document", "text/plain", 100 * MB},
    {"document", "application/pdf", 100 * MB},
    {"document", "application/msword", 100 * MB},
    {"document",
     "application/vnd.openxmlformats-officedocument.wordprocessingml."
     "document",
     100 * MB},
    {"document", "application/vnd.ms-excel", 100 * MB},
    {"document",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
     100 * MB},
    {"document", "application/vnd.ms-powerpoint", 100 * MB},
    {"document",
     "application/vnd.openxmlformats-officedocument.presentationml."
     "presentation",
     100 * MB},
    {"image", "image/jpeg", 5 * MB},
    {"image", "image/png", 5 * MB},
    {"sticker", "image/webp", 100 * KB},
    {"video", "video/3gpp", 16 * MB},
    {"video", "video/mp4", 16 * MB},
};

/* Animated stickers may be five times a static one's size. */
#define ANIMATED_STICKER_MAX (500 * KB)

/* Compares the MIME type's essence (before any ';', trailing spaces
 * ignored) with want, case-insensitively. */
static bool mime_is(const char *mime, const char *want)
{
    size_t n = strcspn(mime, ";");

    while (n && mime[n - 1] == ' ')
        n--;
    return n == strlen(want) && strncasecmp(mime, want, n) == 0;
}

const char *wa_media_kind_for_mime(const char *mime)
{
    for (size_t i = 0; mime && i < sizeof allowed / sizeof *allowed; i++) {
        if (mime_is(mime, allowed[i].mime))
            return allowed[i].kind;
    }
    return NULL;
}

int64_t wa_media_max_size(const char *kind, const char *mime, bool animated)
{
    if (!kind || !mime)
        return -1;
    for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++) {
        if (strcmp(kind, allowed[i].kind) != 0 ||
            !mime_is(mime, allowed[i].mime))
            continue;
        if (strcmp(kind, "sticker") == 0 && animated)
            return ANIMATED_STICKER_MAX;
        return allowed[i].max;
    }
    return -1;
}

/* "image/jpeg or image/png" style list of the MIME types kind allows. */
static void list_allowed(const char *kind, char *out, size_t n)
{
    size_t used = 0;

    out[0] = '\0';
    for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++) {
        if (strcmp(kind, allowed[i].kind) != 0 || used >= n)
            continue;
        used += (size_t)snprintf(out + used, n - used, "%s%s", used ? ", " : "",
                                 allowed[i].mime);
    }
}

int wa_media_check_upload(const char *kind, const char *mime, int64_t size,
                          bool animated, char *err, size_t errlen)
{
    char list[512];
    int64_t max = wa_media_max_size(kind, mime, animated);

    if (!kind || (strcmp(kind, "image") && strcmp(kind, "audio") &&
                  strcmp(kind, "video") && strcmp(kind, "document") &&
                  strcmp(kind, "sticker"))) {
        snprintf(err, errlen, "media kind \"%s\" is unknown", kind ? kind : "");
        return -1;
    }
    if (max < 0) {
        list_allowed(kind, list, sizeof list);
        snprintf(err, errlen, "%s is not allowed for %s; use %s",
                 mime ? mime : "(no type)", kind, list);
        return -1;
    }
    if (size < 0) {
        snprintf(err, errlen, "%s size is invalid", kind);
        return -1;
    }
    if (size > max) {
        snprintf(err, errlen, "%s is larger than %lld %s", kind,
                 (long long)(max >= MB ? max / MB : max / KB),
                 max >= MB ? "MB" : "KB");
        return -1;
    }
    return 0;
}

bool wa_media_sha256_matches(const char *given,
                             const uint8_t digest[CRYPTO_SHA256_LEN])
{
    uint8_t raw[CRYPTO_SHA256_LEN + 3];
    size_t len;
    int n;

    if (!given)
        return false;
    len = strlen(given);
    if (len == 2 * CRYPTO_SHA256_LEN)
        n = crypto_unhex(given, len, raw, sizeof raw);
    else if (len == 44)
        n = crypto_unbase64(given, len, raw, sizeof raw);
    else
        return false;
    return n == CRYPTO_SHA256_LEN &&
           crypto_equal(raw, digest, CRYPTO_SHA256_LEN);
}
