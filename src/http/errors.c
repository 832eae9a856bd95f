/*
 * The error table of errors.h turned into lookups: the status and the code
 * string for each enum http_error.
 */
#include "http/errors.h"

#include <stddef.h>

struct error_entry {
    int status;
    const char *code;
};

static const struct error_entry error_table[HTTP_ERROR_COUNT] = {
#define HTTP_ERROR_ROW(name, status, code) [name] = {status, code},
    HTTP_ERRORS(HTTP_ERROR_ROW)
#undef HTTP_ERROR_ROW
};

/* An out-of-range value is our bug; answer as an internal error rather
 * than read past the table. */
int http_error_status(enum http_error e)
{
    if ((unsigned)e >= HTTP_ERROR_COUNT)
        return 500;
    return error_table[e].status;
}

const char *http_error_code(enum http_error e)
{
    if ((unsigned)e >= HTTP_ERROR_COUNT)
        return "internal_error";
    return error_table[e].code;
}
