/*
 * Helpers shared by the subcommands; see common.h.
 */
#include "cmd/common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cmd_open_store(const char *data_dir, const char *url, int pool_size,
                   struct store **out)
{
    struct store_options opt = {
        .url = url && url[0] ? url : NULL,
        .data_dir = data_dir,
        .pool_size = pool_size,
    };

    if (store_open(&opt, out) != STORE_OK) {
        fprintf(stderr,
                "parley: cannot open storage (%s); see the log "
                "above\n",
                opt.url ? "PostgreSQL" : data_dir);
        return 1;
    }
    return 0;
}

static int read_key_file(const char *path, uint8_t key[CRYPTO_KEY_LEN])
{
    char hex[2 * CRYPTO_KEY_LEN + 2];
    int fd = open(path, O_RDONLY);
    ssize_t n;

    if (fd < 0)
        return errno == ENOENT ? 1 : -1;
    n = read(fd, hex, sizeof hex - 1);
    close(fd);
    if (n < 2 * CRYPTO_KEY_LEN ||
        crypto_unhex(hex, 2 * CRYPTO_KEY_LEN, key, CRYPTO_KEY_LEN) !=
            CRYPTO_KEY_LEN)
        return -1;
    return 0;
}

static int write_key_file(const char *path, uint8_t key[CRYPTO_KEY_LEN])
{
    char hex[2 * CRYPTO_KEY_LEN + 2];
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);

    if (fd < 0)
        return -1;
    crypto_random(key, CRYPTO_KEY_LEN);
    crypto_hex(key, CRYPTO_KEY_LEN, hex);
    strcat(hex, "\n");
    ssize_t n = write(fd, hex, strlen(hex));
    int synced = fsync(fd);
    close(fd);
    return (n == (ssize_t)strlen(hex) && synced == 0) ? 0 : -1;
}

int cmd_master_key(const char *hex, const char *data_dir,
                   uint8_t key[CRYPTO_KEY_LEN])
{
    char path[4096];
    int rc;

    if (hex && hex[0]) {
        if (strlen(hex) != 2 * CRYPTO_KEY_LEN ||
            crypto_unhex(hex, strlen(hex), key, CRYPTO_KEY_LEN) !=
                CRYPTO_KEY_LEN) {
            fprintf(stderr, "parley: the master key must be 64 hex "
                            "digits\n");
            return 1;
        }
        return 0;
    }
    mkdir(data_dir, 0700);
    snprintf(path, sizeof path, "%s/master.key", data_dir);
    rc = read_key_file(path, key);
    if (rc == 1)
        rc = write_key_file(path, key);
    if (rc != 0) {
        fprintf(stderr, "parley: cannot read or create %s\n", path);
        return 1;
    }
    return 0;
}
