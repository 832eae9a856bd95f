/*
 * CSV as RFC 4180 writes it: fields separated by commas, records by CRLF
 * (a bare LF is accepted on input), fields with commas, quotes or line
 * breaks enclosed in double quotes and inner quotes doubled. Output cells
 * that a spreadsheet would run as a formula (starting with = + - @, tab or
 * carriage return) get a leading apostrophe.
 */
#ifndef PARLEY_CORE_CSV_H
#define PARLEY_CORE_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/* Append one cell (quoted when needed, formula-guarded) to out, after a
 * comma unless it is the first of its record. */
void csv_put_cell(struct buf *out, const char *value, bool first);

/* End a record: CRLF. */
void csv_end_row(struct buf *out);

/* A parser over a whole document held in memory. */
struct csv_reader {
    const char *p, *end;
    int line; /* 1-based line of the record last read */
    int next_line;
};

void csv_reader_init(struct csv_reader *r, const char *data, size_t len);

/*
 * Read the next record into fields (copies, NUL-terminated; caller frees
 * each with free and the array too). Returns the number of fields (>= 1),
 * 0 at the end of the document, or -1 for malformed input (a quote inside
 * an unquoted field, text after a closing quote, an unterminated quote, a
 * NUL byte); then *error names the problem. max_fields bounds a record:
 * more fields is malformed too.
 */
int csv_read_row(struct csv_reader *r, char ***fields, int max_fields,
                 const char **error);

void csv_free_row(char **fields, int n);

#endif
