/*
 * Command-line options with environment fallbacks: a flag on the command
 * line overrides the PARLEY_* variable named for it, which overrides the
 * default. Each command describes its options in a table and gets them
 * parsed into its own config struct.
 */
#ifndef PARLEY_BASE_OPTS_H
#define PARLEY_BASE_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum opt_type {
    OPT_STRING, /* char * (borrowed from argv, environ or the table) */
    OPT_INT,    /* long */
    OPT_BOOL,   /* bool; "--flag" alone means true */
};

struct opt {
    const char *name; /* long flag without dashes: "listen" */
    const char *env;  /* "PARLEY_LISTEN", or NULL */
    enum opt_type type;
    const char *def; /* default as text, or NULL */
    size_t offset;   /* where the value goes in the config struct */
    const char *help;
    const char *metavar; /* "HOST:PORT"; NULL for booleans */
};

/*
 * Parse argv (argv[0] is the command name) into conf. Positional arguments
 * are collected into rest (up to rest_cap; their count in *rest_len).
 * Returns 0 on success, 1 if --help was asked for (help printed to stdout),
 * or 2 after printing a one-line error to stderr.
 */
int opts_parse(const struct opt *opts, size_t count, void *conf, int argc,
               char **argv, const char **rest, size_t rest_cap,
               size_t *rest_len, const char *usage);

void opts_print_help(FILE *out, const char *usage, const struct opt *opts,
                     size_t count);

#endif
