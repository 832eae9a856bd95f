/*
 * parley admin: manage an installation from the shell, without the web UI.
 *
 *   parley admin create-account NAME
 *   parley admin add-user --account ID --email E --name N --role ROLE
 *       (reads the password from standard input)
 *   parley admin create-token --account ID --email E --name NAME
 *   parley admin list-accounts
 *   parley admin list-users --account ID
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/opts.h"
#include "cmd/cmd.h"
#include "cmd/common.h"
#include "core/account.h"
#include "core/auth.h"
#include "core/inbox.h"
#include "core/sql.h"
#include "core/user.h"

struct admin_config {
    const char *data;
    const char *database;
    const char *master_key;
    const char *phone_number_id;
    const char *waba_id;
    const char *display_number;
    const char *graph_url;
    const char *graph_version;
    long throughput;
    const char *email;
    const char *name;
    const char *role;
    long account;
};

#define OFF(f) offsetof(struct admin_config, f)

static const struct opt admin_opts[] = {
    {"data", "PARLEY_DATA", OPT_STRING, "./parley-data", OFF(data),
     "directory of the SQLite database", "DIR"},
    {"database", "PARLEY_DATABASE", OPT_STRING, NULL, OFF(database),
     "PostgreSQL URL instead of SQLite", "postgres://..."},
    {"master-key", "PARLEY_MASTER_KEY", OPT_STRING, NULL, OFF(master_key),
     "the master key, when not in DIR/master.key", "HEX"},
    {"account", NULL, OPT_INT, "0", OFF(account), "the account's id", "ID"},
    {"phone-number-id", NULL, OPT_STRING, NULL, OFF(phone_number_id),
     "an inbox's WhatsApp phone-number id", "ID"},
    {"waba-id", NULL, OPT_STRING, NULL, OFF(waba_id),
     "an inbox's WhatsApp Business Account id", "ID"},
    {"display-number", NULL, OPT_STRING, NULL, OFF(display_number),
     "an inbox's number as shown, digits only", "DIGITS"},
    {"graph-url", NULL, OPT_STRING, INBOX_DEFAULT_GRAPH_URL, OFF(graph_url),
     "an inbox's Graph API base URL", "URL"},
    {"graph-version", NULL, OPT_STRING, INBOX_DEFAULT_GRAPH_VERSION,
     OFF(graph_version), "an inbox's Graph API version", "vNN.N"},
    {"throughput", NULL, OPT_INT, "80", OFF(throughput),
     "an inbox's messages per second: 20, 80 or 1000", "N"},
    {"email", NULL, OPT_STRING, NULL, OFF(email), "the user's e-mail", "EMAIL"},
    {"name", NULL, OPT_STRING, NULL, OFF(name), "a user's or token's name",
     "NAME"},
    {"role", NULL, OPT_STRING, "agent", OFF(role),
     "administrator, supervisor or agent", "ROLE"},
};

#define ADMIN_USAGE                                                            \
    "usage: parley admin <action> [options]\n\nactions:\n"                     \
    "  create-account NAME     create an account, print its id\n"              \
    "  add-user                add a user (password read from stdin)\n"        \
    "  create-token            create an API token acting as --email\n"        \
    "  list-accounts           list accounts\n"                                \
    "  list-users              list the users of --account"

/* One line from stdin without its newline; NULL at end of input. */
static char *read_password(void)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, stdin);

    if (n < 0) {
        free(line);
        return NULL;
    }
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    return line;
}

static int create_account(struct db *db, const char *name)
{
    int64_t id;

    if (!name || !name[0]) {
        fprintf(stderr, "parley admin: create-account needs a NAME\n");
        return 2;
    }
    if (account_create(db, name, &id) != STORE_OK) {
        fprintf(stderr, "parley admin: cannot create the account\n");
        return 1;
    }
    printf("%lld\n", (long long)id);
    return 0;
}

static int add_user(struct db *db, const struct admin_config *c)
{
    char email[256];
    struct user_input in = {
        .account_id = c->account, .name = c->name, .role = role_parse(c->role)};
    const char *problem;
    int64_t id;
    int rc = 1;

    if (!c->account || !c->name || !c->name[0] || !in.role ||
        user_email_normalize(c->email, email, sizeof email) != 0) {
        fprintf(stderr, "parley admin: add-user needs --account, a valid "
                        "--email, --name and --role\n");
        return 2;
    }
    in.email = email;
    char *password = read_password();
    if (!password || (problem = user_password_problem(password))) {
        fprintf(stderr, "parley admin: %s\n",
                password ? problem : "no password on standard input");
        free(password);
        return 2;
    }
    in.password = password;
    enum store_rc src = user_create(db, &in, &id);
    if (src == STORE_OK) {
        printf("%lld\n", (long long)id);
        rc = 0;
    } else {
        fprintf(stderr, "parley admin: %s\n",
                src == STORE_CONSTRAINT ? "that e-mail address is taken"
                                        : "cannot create the user (does the "
                                          "account exist?)");
    }
    free(password);
    return rc;
}

static int create_token(struct db *db, const struct admin_config *c)
{
    char email[256], *hash = NULL, *token;
    struct user u;
    int64_t id;

    if (!c->account || !c->name ||
        user_email_normalize(c->email, email, sizeof email) != 0) {
        fprintf(stderr, "parley admin: create-token needs --account, "
                        "--email and --name\n");
        return 2;
    }
    if (user_find_for_login(db, email, &u, &hash) != STORE_OK ||
        u.account_id != c->account) {
        fprintf(stderr, "parley admin: no such user in that account\n");
        return 1;
    }
    free(hash);
    enum store_rc rc =
        auth_token_create(db, c->account, u.id, c->name, &token, &id);
    user_clear(&u);
    if (rc != STORE_OK) {
        fprintf(stderr, "parley admin: cannot create the token\n");
        return 1;
    }
    printf("%s\n", token);
    free(token);
    return 0;
}

static int add_inbox(struct db *db, const struct admin_config *c)
{
    uint8_t key[CRYPTO_KEY_LEN];
    char *secret[3] = {NULL, NULL, NULL};
    struct inbox_input in = {.name = c->name,
                             .phone_number_id = c->phone_number_id,
                             .waba_id = c->waba_id,
                             .display_phone_number = c->display_number,
                             .graph_base_url = c->graph_url,
                             .graph_version = c->graph_version,
                             .throughput_mps = c->throughput};
    int64_t id;
    int rc = 1;

    if (!c->account || !c->name || !c->phone_number_id || !c->waba_id ||
        !c->display_number || !inbox_throughput_valid(c->throughput)) {
        fprintf(stderr, "parley admin: add-inbox needs --account, --name, "
                        "--phone-number-id, --waba-id, --display-number "
                        "(and --throughput 20, 80 or 1000)\n");
        return 2;
    }
    if (cmd_master_key(c->master_key, c->data, key))
        return 1;
    for (int i = 0; i < 3; i++) {
        if (!(secret[i] = read_password()) || !secret[i][0]) {
            fprintf(stderr, "parley admin: give the access token, app "
                            "secret and verify token on stdin, one a line\n");
            rc = 2;
            goto out;
        }
    }
    in.access_token = secret[0];
    in.app_secret = secret[1];
    in.verify_token = secret[2];
    enum store_rc src = inbox_create(db, key, c->account, &in, &id);
    if (src == STORE_OK) {
        printf("%lld\n", (long long)id);
        rc = 0;
    } else {
        fprintf(stderr, "parley admin: %s\n",
                src == STORE_CONSTRAINT ? "that phone-number id is taken, "
                                          "or the account does not exist"
                                        : "cannot create the inbox");
    }
out:
    for (int i = 0; i < 3; i++)
        free(secret[i]);
    crypto_wipe(key, sizeof key);
    return rc;
}

static int list_inboxes(struct db *db, const struct admin_config *c)
{
    struct inbox *v;
    size_t n;

    if (inbox_list(db, c->account, &v, &n) != STORE_OK)
        return 1;
    for (size_t i = 0; i < n; i++)
        printf("%lld\t%s\t+%s\t%s\t%s\n", (long long)v[i].id,
               v[i].phone_number_id, v[i].display_phone_number, v[i].name,
               v[i].graph_base_url);
    inbox_list_free(v, n);
    return 0;
}

static int list_accounts(struct db *db)
{
    struct db_stmt *st;

    if (db_prepare(db, "SELECT id, name FROM accounts ORDER BY id", &st))
        return 1;
    while (db_step(st) == STORE_ROW)
        printf("%lld\t%s\n", (long long)db_col_int64(st, 0),
               db_col_text(st, 1));
    db_done(st);
    return 0;
}

static int list_users(struct db *db, const struct admin_config *c)
{
    struct user *users;
    size_t n;
    int64_t after = 0;

    do {
        if (user_list(db, c->account, after, 200, &users, &n) != STORE_OK)
            return 1;
        for (size_t i = 0; i < n; i++)
            printf("%lld\t%s\t%s\t%s%s\n", (long long)users[i].id,
                   users[i].email, role_name(users[i].role), users[i].name,
                   users[i].disabled ? "\t(disabled)" : "");
        after = n ? users[n - 1].id : after;
        user_list_free(users, n);
    } while (n == 200);
    return 0;
}

static int run_action(struct db *db, const char *action, const char *arg,
                      const struct admin_config *c)
{
    if (!strcmp(action, "create-account"))
        return create_account(db, arg);
    if (!strcmp(action, "add-user"))
        return add_user(db, c);
    if (!strcmp(action, "create-token"))
        return create_token(db, c);
    if (!strcmp(action, "add-inbox"))
        return add_inbox(db, c);
    if (!strcmp(action, "list-inboxes"))
        return list_inboxes(db, c);
    if (!strcmp(action, "list-accounts"))
        return list_accounts(db);
    if (!strcmp(action, "list-users"))
        return list_users(db, c);
    fprintf(stderr, "parley admin: unknown action '%s' (see --help)\n", action);
    return 2;
}

int cmd_admin(int argc, char **argv)
{
    struct admin_config c;
    const char *rest[2];
    size_t nrest;
    struct store *s;
    int rc;

    memset(&c, 0, sizeof c);
    log_set_level(LOG_WARN);
    rc = opts_parse(admin_opts, sizeof admin_opts / sizeof admin_opts[0], &c,
                    argc, argv, rest, 2, &nrest, ADMIN_USAGE);
    if (rc)
        return rc == 1 ? 0 : 2;
    if (nrest == 0) {
        fprintf(stderr, "parley admin: name an action (see --help)\n");
        return 2;
    }
    if (cmd_open_store(c.data, c.database, 1, &s))
        return 1;
    struct db *db = store_acquire(s);
    rc = run_action(db, rest[0], nrest > 1 ? rest[1] : NULL, &c);
    store_release(db);
    store_close(s);
    return rc;
}
