/*
 * RFC 4180 CSV reading and writing; see csv.h.
 */
#include "core/csv.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

void csv_put_cell(struct buf *out, const char *v, bool first)
{
    bool formula = v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' ||
                   v[0] == '\t' || v[0] == '\r';
    bool quote = formula || strpbrk(v, ",\"\r\n") != NULL;

    if (!first)
        buf_putc(out, ',');
    if (!quote) {
        buf_puts(out, v);
        return;
    }
    buf_putc(out, '"');
    if (formula)
        buf_putc(out, '\'');
    for (; *v; v++) {
        if (*v == '"')
            buf_putc(out, '"');
        buf_putc(out, *v);
    }
    buf_putc(out, '"');
}

void csv_end_row(struct buf *out)
{
    buf_puts(out, "\r\n");
}

void csv_reader_init(struct csv_reader *r, const char *data, size_t len)
{
    r->p = data;
    r->end = data + len;
    r->line = 0;
    r->next_line = 1;
    /* A UTF-8 byte order mark, as spreadsheets write it, is not data. */
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
        r->p += 3;
}

/* Read a quoted field starting after its opening quote into b. */
static int read_quoted(struct csv_reader *r, struct buf *b, const char **error)
{
    for (;;) {
        if (r->p >= r->end) {
            *error = "a quoted field is not closed";
            return -1;
        }
        char c = *r->p++;
        if (c == '\0') {
            *error = "the file contains a NUL byte";
            return -1;
        }
        if (c == '\n')
            r->next_line++;
        if (c != '"') {
            buf_putc(b, c);
            continue;
        }
        if (r->p < r->end && *r->p == '"') {
            buf_putc(b, '"');
            r->p++;
            continue;
        }
        return 0;
    }
}

/* Read one field into b; sets *last when the record ends after it. */
static int read_field(struct csv_reader *r, struct buf *b, bool *last,
                      const char **error)
{
    bool quoted = r->p < r->end && *r->p == '"';

    if (quoted) {
        r->p++;
        if (read_quoted(r, b, error) != 0)
            return -1;
    }
    for (; r->p < r->end; r->p++) {
        char c = *r->p;
        if (c == ',') {
            r->p++;
            *last = false;
            return 0;
        }
        if (c == '\n' || (c == '\r' && r->p + 1 < r->end && r->p[1] == '\n')) {
            r->p += c == '\r' ? 2 : 1;
            r->next_line++;
            break;
        }
        if (c == '\0' || c == '"' || quoted) {
            *error = c == '\0' ? "the file contains a NUL byte"
                     : quoted  ? "text follows a closing quote"
                               : "a quote inside an unquoted field";
            return -1;
        }
        buf_putc(b, c);
    }
    *last = true;
    return 0;
}

int csv_read_row(struct csv_reader *r, char ***fields, int max_fields,
                 const char **error)
{
    struct buf b = BUF_INIT;
    char **out;
    int n = 0;
    bool last = false;

    *fields = NULL;
    if (r->p >= r->end)
        return 0;
    r->line = r->next_line;
    out = xcalloc((size_t)max_fields, sizeof *out);
    while (!last) {
        if (n == max_fields) {
            *error = "a record has too many fields";
            goto fail;
        }
        buf_reset(&b);
        if (read_field(r, &b, &last, error) != 0)
            goto fail;
        out[n++] = xstrdup(b.data ? b.data : "");
    }
    buf_free(&b);
    *fields = out;
    return n;
fail:
    buf_free(&b);
    csv_free_row(out, n);
    return -1;
}

void csv_free_row(char **fields, int n)
{
    for (int i = 0; i < n; i++)
        free(fields[i]);
    free(fields);
}
