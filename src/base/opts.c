/*
 * Flag, environment and default parsing; see opts.h.
 */
#include "base/opts.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int set_value(const struct opt *o, void *conf, const char *value,
                     const char *source)
{
    char *slot = (char *)conf + o->offset;
    char *end;

    switch (o->type) {
    case OPT_STRING:
        *(const char **)slot = value;
        return 0;
    case OPT_INT:
        errno = 0;
        long v = strtol(value, &end, 10);
        if (errno || end == value || *end) {
            fprintf(stderr, "%s: --%s wants a whole number, not '%s'\n", source,
                    o->name, value);
            return 2;
        }
        *(long *)slot = v;
        return 0;
    case OPT_BOOL:
        if (!strcmp(value, "1") || !strcmp(value, "true") ||
            !strcmp(value, "yes") || !strcmp(value, "on")) {
            *(bool *)slot = true;
        } else if (!strcmp(value, "0") || !strcmp(value, "false") ||
                   !strcmp(value, "no") || !strcmp(value, "off") || !value[0]) {
            *(bool *)slot = false;
        } else {
            fprintf(stderr, "%s: --%s wants true or false, not '%s'\n", source,
                    o->name, value);
            return 2;
        }
        return 0;
    }
    return 2;
}

static const struct opt *find(const struct opt *opts, size_t count,
                              const char *name, size_t len)
{
    for (size_t i = 0; i < count; i++) {
        if (strlen(opts[i].name) == len && !strncmp(opts[i].name, name, len))
            return &opts[i];
    }
    return NULL;
}

/* Defaults first, then the environment: the command line comes last. */
static int apply_defaults_and_env(const struct opt *opts, size_t count,
                                  void *conf, const char *cmd)
{
    for (size_t i = 0; i < count; i++) {
        const char *env = opts[i].env ? getenv(opts[i].env) : NULL;
        int rc = 0;

        if (opts[i].def)
            rc = set_value(&opts[i], conf, opts[i].def, cmd);
        if (!rc && env)
            rc = set_value(&opts[i], conf, env, opts[i].env);
        if (rc)
            return rc;
    }
    return 0;
}

int opts_parse(const struct opt *opts, size_t count, void *conf, int argc,
               char **argv, const char **rest, size_t rest_cap,
               size_t *rest_len, const char *usage)
{
    const char *cmd = argv[0];
    size_t nrest = 0;
    int rc = apply_defaults_and_env(opts, count, conf, cmd);

    for (int i = 1; !rc && i < argc; i++) {
        const char *arg = argv[i];
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            opts_print_help(stdout, usage, opts, count);
            return 1;
        }
        if (strncmp(arg, "--", 2) != 0 || !arg[2]) {
            if (nrest >= rest_cap) {
                fprintf(stderr, "%s: unexpected argument '%s'\n", cmd, arg);
                return 2;
            }
            rest[nrest++] = arg;
            continue;
        }
        const char *name = arg + 2, *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        const struct opt *o = find(opts, count, name, len);
        if (!o) {
            fprintf(stderr, "%s: unknown option '--%.*s' (see --help)\n", cmd,
                    (int)len, name);
            return 2;
        }
        if (eq) {
            rc = set_value(o, conf, eq + 1, cmd);
        } else if (o->type == OPT_BOOL) {
            rc = set_value(o, conf, "true", cmd);
        } else if (i + 1 < argc) {
            rc = set_value(o, conf, argv[++i], cmd);
        } else {
            fprintf(stderr, "%s: --%s needs a value\n", cmd, o->name);
            rc = 2;
        }
    }
    if (rest_len)
        *rest_len = nrest;
    return rc;
}

void opts_print_help(FILE *out, const char *usage, const struct opt *opts,
                     size_t count)
{
    fprintf(out,
            "%s\n\noptions (a flag overrides its environment variable, "
            "which overrides the default):\n",
            usage);
    for (size_t i = 0; i < count; i++) {
        const struct opt *o = &opts[i];
        char flag[64];

        snprintf(flag, sizeof flag, "--%s%s%s", o->name, o->metavar ? " " : "",
                 o->metavar ? o->metavar : "");
        fprintf(out, "  %-28s %s\n", flag, o->help);
        if (o->env && o->def && o->def[0])
            fprintf(out, "  %-28s [%s, default %s]\n", "", o->env, o->def);
        else if (o->env)
            fprintf(out, "  %-28s [%s]\n", "", o->env);
    }
    fprintf(out, "  %-28s %s\n", "--help", "show this help");
}
