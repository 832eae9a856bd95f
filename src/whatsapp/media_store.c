/*
 * Media at rest: each file sealed with AES-256-GCM under the attachments
 * key, bound to its account and id, written atomically under
 * <data_dir>/media/<account>/<id>; plus MIME sniffing with libmagic and
 * the small text rules (type agreement, clean file names) around them.
 */
#include <errno.h>
#include <fcntl.h>
#include <magic.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/log.h"
#include "base/mem.h"
#include "whatsapp/media_internal.h"

void wa_media_key(const uint8_t *master, uint8_t key[CRYPTO_KEY_LEN])
{
    crypto_derive_key(master, "attachments", key);
}

/* The associated data that binds a sealed file to its row: a file copied
 * over another id's path, or another account's, does not open. */
static int media_aad(int64_t account_id, int64_t id, char *out, size_t n)
{
    return snprintf(out, n, "media:%lld:%lld", (long long)account_id,
                    (long long)id);
}

/* mkdir that accepts an existing directory. */
static int ensure_dir(const char *path)
{
    if (mkdir(path, 0700) == 0 || errno == EEXIST)
        return 0;
    log_error("media_mkdir_failed", "path=%s errno=%d", path, errno);
    return -1;
}

/* Write all of p to fd, through short writes and EINTR. */
static int write_all(int fd, const void *p, size_t n)
{
    const char *c = p;

    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

/* fsync a directory so that a rename in it survives a crash. */
static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);

    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* Write bytes to tmp, fsync, rename onto final. Removes tmp on failure. */
static int write_atomic(const char *tmp, const char *final, const void *p,
                        size_t n)
{
    int rc = -1;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

    if (fd < 0)
        goto out;
    if (write_all(fd, p, n) != 0 || fsync(fd) != 0) {
        close(fd);
        goto out;
    }
    if (close(fd) != 0 || rename(tmp, final) != 0)
        goto out;
    rc = 0;
out:
    if (rc != 0) {
        log_error("media_write_failed", "path=%s errno=%d", final, errno);
        unlink(tmp);
    }
    return rc;
}

int wa_media_file_write(const uint8_t key[CRYPTO_KEY_LEN], const char *data_dir,
                        int64_t account_id, int64_t id, const void *data,
                        size_t len, char **relpath)
{
    char aad[64];
    struct buf sealed = {0};
    char *top = xasprintf("%s/media", data_dir);
    char *dir = xasprintf("%s/%lld", top, (long long)account_id);
    char *rel =
        xasprintf("media/%lld/%lld", (long long)account_id, (long long)id);
    char *final = xasprintf("%s/%s", data_dir, rel);
    char *tmp = xasprintf("%s.tmp", final);
    int rc = -1;

    if (ensure_dir(top) != 0 || ensure_dir(dir) != 0)
        goto out;
    crypto_seal(key, data, len, aad,
                (size_t)media_aad(account_id, id, aad, sizeof aad), &sealed);
    if (write_atomic(tmp, final, sealed.data, sealed.len) != 0)
        goto out;
    sync_dir(dir);
    *relpath = rel;
    rel = NULL;
    rc = 0;
out:
    buf_free(&sealed);
    free(top);
    free(dir);
    free(rel);
    free(final);
    free(tmp);
    return rc;
}

/* A relative path we wrote ourselves: "media/" and no "..". Anything else
 * in the path column is refused rather than followed. */
static bool media_path_ok(const char *relpath)
{
    return relpath && strncmp(relpath, "media/", 6) == 0 &&
           !strstr(relpath, "..");
}

/* Read a whole file into out. Returns 0 or -1 (errno kept). */
static int read_file(const char *path, struct buf *out)
{
    char chunk[65536];
    ssize_t r;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        return -1;
    while ((r = read(fd, chunk, sizeof chunk)) != 0) {
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            close(fd);
            return -1;
        }
        buf_append(out, chunk, (size_t)r);
    }
    close(fd);
    return 0;
}

int wa_media_file_read(const uint8_t key[CRYPTO_KEY_LEN], const char *data_dir,
                       const char *relpath, int64_t account_id, int64_t id,
                       struct buf *out)
{
    struct buf sealed = {0};
    char aad[64];
    char *path = NULL;
    int rc = -1;

    if (!media_path_ok(relpath)) {
        log_error("media_bad_path", "media=%lld", (long long)id);
        goto out;
    }
    path = xasprintf("%s/%s", data_dir, relpath);
    if (read_file(path, &sealed) != 0) {
        log_error("media_read_failed", "media=%lld errno=%d", (long long)id,
                  errno);
        goto out;
    }
    int alen = media_aad(account_id, id, aad, sizeof aad);
    if (crypto_open(key, sealed.data, sealed.len, aad, (size_t)alen, out)) {
        log_error("media_open_failed", "media=%lld", (long long)id);
        goto out;
    }
    rc = 0;
out:
    buf_free(&sealed);
    free(path);
    return rc;
}

int wa_media_file_remove(const char *data_dir, const char *relpath)
{
    if (!media_path_ok(relpath))
        return -1;
    char *path = xasprintf("%s/%s", data_dir, relpath);
    int rc = unlink(path) == 0 || errno == ENOENT ? 0 : -1;

    free(path);
    return rc;
}

/* --- sniffing -------------------------------------------------------- */

/* One libmagic handle for the process: loading its database costs more
 * than a lookup, and a handle is not safe for two threads at once. */
static pthread_mutex_t magic_lock = PTHREAD_MUTEX_INITIALIZER;
static magic_t magic_handle;
static bool magic_broken;

/* Open the handle once; false (logged once) when libmagic is unusable. */
static bool magic_ready(void)
{
    if (magic_handle || magic_broken)
        return magic_handle != NULL;
    magic_handle = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
    if (magic_handle && magic_load(magic_handle, NULL) == 0)
        return true;
    log_error("media_magic_unavailable", "error=%s",
              magic_handle ? magic_error(magic_handle) : "open");
    if (magic_handle)
        magic_close(magic_handle);
    magic_handle = NULL;
    magic_broken = true;
    return false;
}

char *wa_media_sniff(const void *data, size_t len)
{
    char *out = NULL;

    pthread_mutex_lock(&magic_lock);
    if (magic_ready()) {
        const char *t = magic_buffer(magic_handle, data, len);
        if (t) {
            char base[128];
            wa_media_base_type(t, base, sizeof base);
            out = xstrdup(base);
        }
    }
    pthread_mutex_unlock(&magic_lock);
    return out;
}

void wa_media_base_type(const char *mime, char *out, size_t n)
{
    size_t k = 0;

    if (n == 0)
        return;
    while (mime && (*mime == ' ' || *mime == '\t'))
        mime++;
    for (; mime && *mime && *mime != ';' && k + 1 < n; mime++)
        out[k++] = (char)(*mime >= 'A' && *mime <= 'Z' ? *mime + 32 : *mime);
    while (k > 0 && (out[k - 1] == ' ' || out[k - 1] == '\t'))
        k--;
    out[k] = '\0';
}

/* Declared types and the other names libmagic 5.x gives their content. */
static const char *const type_aliases[][2] = {
    {"audio/ogg", "application/ogg"},
    {"audio/ogg", "audio/x-ogg"},
    {"audio/mp4", "video/mp4"},
    {"audio/mp4", "audio/x-m4a"},
    {"audio/aac", "audio/x-hx-aac-adts"},
    {"audio/aac", "audio/x-aac"},
    {"audio/amr", "audio/x-amr"},
    {"audio/mpeg", "audio/mp3"},
    {"video/3gpp", "video/3gpp2"},
    {"application/msword", "application/cdfv2"},
    {"application/msword", "application/x-ole-storage"},
    {"application/vnd.ms-excel", "application/cdfv2"},
    {"application/vnd.ms-excel", "application/x-ole-storage"},
    {"application/vnd.ms-powerpoint", "application/cdfv2"},
    {"application/vnd.ms-powerpoint", "application/x-ole-storage"},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     "application/zip"},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
     "application/zip"},
    {"application/vnd.openxmlformats-officedocument.presentationml."
     "presentation",
     "application/zip"},
};

bool wa_media_types_agree(const char *declared, const char *sniffed)
{
    char d[128], s[128];

    wa_media_base_type(declared, d, sizeof d);
    wa_media_base_type(sniffed, s, sizeof s);
    if (!d[0] || !s[0])
        return false;
    if (strcmp(d, s) == 0)
        return true;
    /* libmagic names many plain texts (csv, source code...) more exactly */
    if (strcmp(d, "text/plain") == 0 && strncmp(s, "text/", 5) == 0)
        return true;
    for (size_t i = 0; i < sizeof type_aliases / sizeof type_aliases[0]; i++)
        if (strcmp(d, type_aliases[i][0]) == 0 &&
            strcmp(s, type_aliases[i][1]) == 0)
            return true;
    return false;
}

/* --- names ----------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at p (1-4), or 0 if it is not one. */
static size_t utf8_len(const unsigned char *p)
{
    size_t n;

    if (p[0] < 0x80)
        return 1;
    if ((p[0] >> 5) == 6)
        n = 2;
    else if ((p[0] >> 4) == 14)
        n = 3;
    else if ((p[0] >> 3) == 30)
        n = 4;
    else
        return 0;
    /* stops at the terminator, which is no continuation byte */
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

char *wa_media_clean_filename(const char *name)
{
    const char *base = name ? name : "";
    struct buf b = {0};

    for (const char *p = base; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    for (const unsigned char *p = (const unsigned char *)base; *p;) {
        size_t n = utf8_len(p);
        if (b.len + (n ? n : 1) > 200)
            break;
        if (n == 1 && (*p < 0x20 || *p == 0x7f || *p == '"' || *p == ';'))
            buf_putc(&b, '_');
        else if (n == 0)
            buf_putc(&b, '_');
        else
            buf_append(&b, p, n);
        p += n ? n : 1;
    }
    if (b.len > 0 && b.data[0] == '.')
        b.data[0] = '_';
    return b.data ? buf_steal(&b) : xstrdup("");
}

bool wa_media_inline_ok(const char *mime)
{
    static const char *const ok[] = {"image/jpeg", "image/png", "image/webp",
                                     "image/gif"};
    char t[128];

    wa_media_base_type(mime, t, sizeof t);
    if (strncmp(t, "audio/", 6) == 0 || strncmp(t, "video/", 6) == 0)
        return true;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (strcmp(t, ok[i]) == 0)
            return true;
    return false;
}
