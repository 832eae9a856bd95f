/*
 * Media files of the WhatsApp channel: what customers send is downloaded
 * from the Graph API by a job, checked, sniffed, sealed and kept under
 * <data_dir>/media/<account>/<id>; what agents upload is checked and
 * sealed the same way. Files are only ever read back through here.
 */
#ifndef PARLEY_WHATSAPP_MEDIA_H
#define PARLEY_WHATSAPP_MEDIA_H

#include <stddef.h>
#include <stdint.h>

#include "base/crypto.h"
#include "store/store.h"

/* Job kinds this part registers. */
#define WA_MEDIA_JOB_DOWNLOAD  "media.download"
#define WA_MEDIA_JOB_RETENTION "media.retention"

/*
 * Inside the caller's transaction: add a media row (direction in, state
 * pending) for message_id and a media.download job for it. wa_media_id is
 * required; mime_type, sha256 (hex or base64, as Meta gave it), filename
 * and url may be NULL. Calling it again for the same (message, media id)
 * adds nothing. *media_id_out (may be NULL) gets the row's id.
 * Returns STORE_OK or a store error (STORE_CONSTRAINT for a missing id).
 */
enum store_rc wa_media_enqueue_download(struct db *db, int64_t account_id,
                                        int64_t inbox_id, int64_t message_id,
                                        const char *wa_media_id,
                                        const char *mime_type,
                                        const char *sha256,
                                        const char *filename, const char *url);

/* Same as wa_media_enqueue_download, also returning the media row id. */
enum store_rc wa_media_enqueue_download_id(
    struct db *db, int64_t account_id, int64_t inbox_id, int64_t message_id,
    const char *wa_media_id, const char *mime_type, const char *sha256,
    const char *filename, const char *url, int64_t *media_id_out);

/*
 * Try an inbound download again now (an agent asked): state back to
 * pending and a download job due at once. Returns STORE_OK (also when the
 * file is already stored: nothing to do), STORE_NOT_FOUND when account_id
 * has no such inbound media, STORE_CONSTRAINT when it has expired (Meta no
 * longer holds it).
 */
enum store_rc wa_media_retry(struct db *db, int64_t account_id, int64_t id);

/* A stored file, opened. All strings and data are owned by the struct:
 * free with wa_media_file_free(). */
struct wa_media_file {
    int64_t id;
    int64_t inbox_id;
    int64_t message_id; /* 0 when not (yet) attached to a message */
    char *direction;    /* "in" or "out" */
    char *mime_type;    /* what libmagic found */
    char *filename;     /* may be "" */
    char *kind;         /* image, audio, video, document, sticker */
    char *wa_media_id;  /* Meta's id, or NULL if never uploaded */
    uint8_t *data;
    size_t size;
};
void wa_media_file_free(struct wa_media_file *f);

/*
 * Read and open the stored file of media id in account_id. master is the
 * master key, data_dir the server's data directory.
 * Returns STORE_OK with *out filled, STORE_NOT_FOUND when there is no such
 * media of that account or it is not stored (pending, failed, expired),
 * STORE_ERROR when the file is missing or does not open (logged).
 */
enum store_rc wa_media_read(struct db *db, const uint8_t *master,
                            const char *data_dir, int64_t account_id,
                            int64_t id, struct wa_media_file *out);

/* Outcome of storing an upload; maps to HTTP 201/413/415/422/500. */
enum wa_media_upload_rc {
    WA_MEDIA_UPLOAD_OK = 0,
    WA_MEDIA_UPLOAD_TOO_BIG,  /* over the Cloud API limit of its kind */
    WA_MEDIA_UPLOAD_BAD_TYPE, /* not a type WhatsApp accepts */
    WA_MEDIA_UPLOAD_MISMATCH, /* declared type differs from content */
    WA_MEDIA_UPLOAD_INVALID,  /* empty, bad inbox, bad name */
    WA_MEDIA_UPLOAD_ERROR,    /* storage or disk failure (logged) */
};

/* What an upload became. Strings owned; free with
 * wa_media_upload_info_free(). */
struct wa_media_upload_info {
    int64_t id;
    char *mime_type;
    char *filename;
    char *kind;
    int64_t size;
};
void wa_media_upload_info_free(struct wa_media_upload_info *info);

/*
 * Check and store an agent's upload for inbox_id of account_id: the
 * content is sniffed with libmagic, must match declared_mime (the
 * Content-Type the client gave; parameters ignored) and be within the
 * Cloud API's limits for its kind. It is sealed and written, and a media
 * row (direction out, state stored, no message yet) added in its own
 * transaction. filename may be NULL. On failure err gets a sentence for
 * the client. Returns one of enum wa_media_upload_rc.
 */
enum wa_media_upload_rc wa_media_store_upload(
    struct db *db, const uint8_t *master, const char *data_dir,
    int64_t account_id, int64_t inbox_id, const void *data, size_t len,
    const char *declared_mime, const char *filename,
    struct wa_media_upload_info *out, char *err, size_t errlen);

/*
 * Inside the caller's transaction: tie an uploaded (outbound) media row to
 * the message that sends it. Returns STORE_OK, STORE_NOT_FOUND if no
 * unattached outbound media of that account and inbox has that id.
 */
enum store_rc wa_media_attach(struct db *db, int64_t account_id,
                              int64_t inbox_id, int64_t media_id,
                              int64_t message_id);

/* Remember the id Meta gave the file when the dispatcher uploaded it, so
 * a resend can reuse it. Returns STORE_OK or STORE_NOT_FOUND. */
enum store_rc wa_media_set_remote_id(struct db *db, int64_t account_id,
                                     int64_t media_id, const char *wa_media_id);

/* The WhatsApp kind for a MIME type ("image", "audio", "video",
 * "sticker" for image/webp, else "document"). Static string. */
const char *wa_media_kind_of(const char *mime);

#endif
