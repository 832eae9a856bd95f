/*
 * Fuzz the contact import's CSV reader: any bytes must give records or a
 * clean error, never a crash or an overread; and every record read, once
 * written back (cells a spreadsheet would not take as formulas), must
 * read back the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "core/csv.h"

#define MAX_FIELDS 64

/* Write fields as one record and read it back; abort if it differs. */
static void round_trip(char **fields, int n)
{
    struct buf b = BUF_INIT;
    struct csv_reader r;
    char **again;
    const char *error;

    for (int i = 0; i < n; i++) {
        const char *f = fields[i];
        if (strchr("=+-@\t\r", f[0]) && f[0]) {
            buf_free(&b); /* guarded cells gain an apostrophe by design */
            return;
        }
        csv_put_cell(&b, f, i == 0);
    }
    csv_end_row(&b);
    csv_reader_init(&r, b.data, b.len);
    /* A lone empty field writes an empty line, which reads as one empty
     * field too; a byte order mark at the start would be skipped. */
    if (b.len >= 3 && !memcmp(b.data, "\xEF\xBB\xBF", 3)) {
        buf_free(&b);
        return;
    }
    if (csv_read_row(&r, &again, MAX_FIELDS, &error) != n)
        abort();
    for (int i = 0; i < n; i++)
        if (strcmp(again[i], fields[i]) != 0)
            abort();
    csv_free_row(again, n);
    buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct csv_reader r;
    char **fields;
    const char *error;
    int n;

    csv_reader_init(&r, (const char *)data, size);
    while ((n = csv_read_row(&r, &fields, MAX_FIELDS, &error)) > 0) {
        round_trip(fields, n);
        csv_free_row(fields, n);
    }
    return 0;
}
