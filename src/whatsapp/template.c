/*
 * Template parameter checks: how many parameters each component of an
 * approved template expects, and whether a send supplies them, so that a
 * mismatch is refused before Meta answers 132000 / 132012. Declared in
 * outbound.h.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "whatsapp/outbound.h"

#define MAX_TOKENS 100

static int fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

/* Distinct {{...}} placeholders in text ({{1}} twice counts once). */
static int count_placeholders(const char *text)
{
    const char *tokens[MAX_TOKENS];
    size_t lens[MAX_TOKENS];
    int n = 0;

    while (text && (text = strstr(text, "{{")) && n < MAX_TOKENS) {
        const char *start = text + 2, *end = strstr(start, "}}");
        int i;

        if (!end)
            break;
        for (i = 0; i < n; i++)
            if (lens[i] == (size_t)(end - start) &&
                memcmp(tokens[i], start, lens[i]) == 0)
                break;
        if (i == n) {
            tokens[n] = start;
            lens[n++] = (size_t)(end - start);
        }
        text = end + 2;
    }
    return n;
}

static const char *str(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

/* The template component of the given type (case-insensitive), or NULL. */
static json_t *find_component(const json_t *tmpl, const char *type)
{
    json_t *comps = json_object_get(tmpl, "components"), *c;
    size_t i;

    json_array_foreach(comps, i, c)
    {
        const char *t = str(c, "type");

        if (t && strcasecmp(t, type) == 0)
            return c;
    }
    return NULL;
}

/* Parameters a header needs: its text placeholders, or one for media. */
static int count_header(const json_t *header)
{
    const char *format = str(header, "format");

    if (!header)
        return 0;
    if (!format || strcasecmp(format, "TEXT") == 0)
        return count_placeholders(str(header, "text"));
    return 1; /* IMAGE, VIDEO, DOCUMENT, LOCATION: one media parameter */
}

/* Parameters a button needs: URL suffix placeholders, or the code of a
 * copy-code / one-time-password button. */
static int count_button(const json_t *button)
{
    const char *type = str(button, "type");

    if (!type)
        return 0;
    if (strcasecmp(type, "URL") == 0)
        return count_placeholders(str(button, "url"));
    if (strcasecmp(type, "COPY_CODE") == 0 || strcasecmp(type, "OTP") == 0)
        return 1;
    return 0;
}

int wa_template_count_params(const json_t *tmpl, struct wa_template_params *out,
                             char *err, size_t errlen)
{
    const char *format = str(tmpl, "parameter_format");
    json_t *buttons, *b;
    size_t i;

    memset(out, 0, sizeof *out);
    if (!json_is_array(json_object_get(tmpl, "components")))
        return fail(err, errlen, "template has no components array");
    out->named = format && strcasecmp(format, "NAMED") == 0;
    out->header = count_header(find_component(tmpl, "HEADER"));
    out->body = count_placeholders(str(find_component(tmpl, "BODY"), "text"));
    buttons = json_object_get(find_component(tmpl, "BUTTONS"), "buttons");
    if (json_array_size(buttons) > WA_TEMPLATE_MAX_BUTTONS)
        return fail(err, errlen, "template has more than %d buttons",
                    WA_TEMPLATE_MAX_BUTTONS);
    json_array_foreach(buttons, i, b) out->buttons[out->n_buttons++] =
        count_button(b);
    return 0;
}

/* A button index given as a number or a string of digits; -1 if bad. */
static int button_index(const json_t *comp)
{
    json_t *v = json_object_get(comp, "index");
    const char *s = json_string_value(v);
    long n = -1;

    if (json_is_integer(v) && json_integer_value(v) >= 0 &&
        json_integer_value(v) < WA_TEMPLATE_MAX_BUTTONS)
        n = (long)json_integer_value(v);
    else if (s && strlen(s) == 1 && *s >= '0' && *s <= '9')
        n = *s - '0';
    return (int)n;
}

/* For NAMED templates: every parameter names a placeholder of text. */
static int check_names(const json_t *params, const char *text, const char *what,
                       char *err, size_t errlen)
{
    json_t *p;
    size_t i;

    json_array_foreach(params, i, p)
    {
        const char *name = str(p, "parameter_name");
        char token[160];

        if (!name)
            return fail(err, errlen,
                        "template %s parameter %zu needs a "
                        "parameter_name",
                        what, i + 1);
        snprintf(token, sizeof token, "{{%s}}", name);
        if (!text || !strstr(text, token))
            return fail(err, errlen,
                        "template %s has no parameter named "
                        "\"%s\"",
                        what, name);
    }
    return 0;
}

/* want parameters expected for what, got supplied. */
static int check_count(const char *what, int want, size_t got, char *err,
                       size_t errlen)
{
    if ((size_t)want == got)
        return 0;
    return fail(err, errlen, "template %s needs %d parameter%s, got %zu", what,
                want, want == 1 ? "" : "s", got);
}

/* Header and body parameters: the count, and for NAMED templates the
 * names, of the template component of that type. */
static int check_text_params(const json_t *tmpl, const char *what,
                             const char *ttype, int want, bool named,
                             const json_t *params, char *err, size_t errlen)
{
    json_t *tc = find_component(tmpl, ttype);
    const char *format = str(tc, "format");
    bool text = !format || strcasecmp(format, "TEXT") == 0;

    if (named && text && want > 0 &&
        check_names(params, str(tc, "text"), what, err, errlen))
        return -1;
    return check_count(what, want, json_array_size(params), err, errlen);
}

/* Checks one send component; *seen records which ones were supplied
 * (bit 0 header, 1 body, 2+i button i). */
static int check_send_component(const json_t *tmpl,
                                const struct wa_template_params *want,
                                const json_t *comp, unsigned *seen, char *err,
                                size_t errlen)
{
    const char *type = str(comp, "type");
    const char *sub = str(comp, "sub_type");
    json_t *params = json_object_get(comp, "parameters");
    int idx;

    if (type && strcasecmp(type, "header") == 0) {
        *seen |= 1;
        return check_text_params(tmpl, "header", "HEADER", want->header,
                                 want->named, params, err, errlen);
    }
    if (type && strcasecmp(type, "body") == 0) {
        *seen |= 2;
        return check_text_params(tmpl, "body", "BODY", want->body, want->named,
                                 params, err, errlen);
    }
    if (!type || strcasecmp(type, "button") != 0)
        return fail(err, errlen, "template component type \"%s\" is unknown",
                    type ? type : "");
    idx = button_index(comp);
    if (idx < 0 || idx >= want->n_buttons)
        return fail(err, errlen,
                    "template button index is not one of the "
                    "template's %d buttons",
                    want->n_buttons);
    *seen |= 1u << (2 + idx);
    /* A quick reply's payload is optional and not a placeholder. */
    if (sub && strcasecmp(sub, "quick_reply") == 0)
        return 0;
    return check_count("button", want->buttons[idx], json_array_size(params),
                       err, errlen);
}

/* Components the template needs parameters for but the send left out. */
static int check_missing(const struct wa_template_params *want, unsigned seen,
                         char *err, size_t errlen)
{
    if (want->header && !(seen & 1))
        return check_count("header", want->header, 0, err, errlen);
    if (want->body && !(seen & 2))
        return check_count("body", want->body, 0, err, errlen);
    for (int i = 0; i < want->n_buttons; i++)
        if (want->buttons[i] && !(seen & (1u << (2 + i))))
            return check_count("button", want->buttons[i], 0, err, errlen);
    return 0;
}

int wa_template_check_send(const json_t *tmpl, const json_t *send, char *err,
                           size_t errlen)
{
    struct wa_template_params want;
    json_t *comps = json_object_get(send, "components"), *comp;
    unsigned seen = 0;
    size_t i;

    if (wa_template_count_params(tmpl, &want, err, errlen))
        return -1;
    if (comps && !json_is_array(comps))
        return fail(err, errlen, "template.components must be an array");
    json_array_foreach(comps, i,
                       comp) if (check_send_component(tmpl, &want, comp, &seen,
                                                      err, errlen)) return -1;
    return check_missing(&want, seen, err, errlen);
}
