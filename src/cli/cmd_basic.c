/* cmd_basic.c - init, demo, serve and settings. */
#include "cli/cli.h"
#include "core/settings.h"
#include "store/orgs.h"
#include "store/site.h"
#include "util/i18n.h"
#include "web/server.h"
#include "app/mail.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_init(cli *c)
{
    if (cli_wants_help(c)) {
        printf("%s groeipad [--db PATH] init\n\n%s\n", _("usage:"),
               _("Creates the database, or brings an existing one to the current schema."));
        return EXIT_OK;
    }
    static const char *const none[] = {NULL};
    if (!cli_check_args(c, 1, none, 0))
        return EXIT_USAGE;
    if (strstr(c->target, "://") && !c->org)
        return cli_fail(EXIT_USAGE, _("init on a PostgreSQL site makes an organisation's "
                                      "schema: name it with --org SLUG (made by 'org add')"));
    int rc = cli_connect(c);
    if (rc != EXIT_OK)
        return rc;
    int before = store_schema_version(c->db), applied;
    if (store_migrate(c->db, &applied) != STORE_OK || store_check_tables(c->db) != STORE_OK)
        return cli_fail(EXIT_INTERNAL, "%s: %s", c->where, store_error(c->db));
    if (applied == 0)
        printf(_("%s: up to date (schema %d)\n"), c->where, before);
    else
        printf("%s: schema %d -> %d\n", c->where, before, store_schema_version(c->db));
    return EXIT_OK;
}

/* Prints demo login L with its password; on a site, where L may be
 * somebody's own login already (left alone), says so instead of a password
 * that would not work. false when the store fails. */
static bool show_demo_login(cli *c, const demo_login *l)
{
    int works = demo_login_works(c->db, l->login, l->password);
    if (works > 0)
        /* TRANSLATORS: a demo login, its password and what it sees */
        printf(_("  %-15s password %-18s %s\n"), l->login, l->password, _(l->about));
    else if (works == 0)
        printf(_("  %-15s (not made: the site has this login already, with another password; "
                 "give a login of your own a role with 'user grant')\n"),
               l->login);
    return works >= 0;
}

int cmd_demo(cli *c)
{
    if (cli_wants_help(c)) {
        printf("%s groeipad [--db PATH] demo\n\n%s\n", _("usage:"),
               _("Fills an empty database with a demo organisation of about 120 people, its\n"
                 "training catalogue, two years of learning and a login for every role."));
        return EXIT_OK;
    }
    static const char *const none[] = {NULL};
    if (!cli_check_args(c, 1, none, 0))
        return EXIT_USAGE;
    int rc = cli_open(c, true);
    if (rc != EXIT_OK)
        return rc;
    int64_t have = employees_count(c->db);
    if (have < 0)
        return cli_fail(EXIT_INTERNAL, "%s", store_error(c->db));
    if (have > 0 && c->org) /* an organisation of a site: another organisation */
        return cli_fail(EXIT_INPUT, _("%s already holds %lld employees; the demo only fills an "
                                      "empty organisation (add one with 'org add SLUG --name "
                                      "NAME' and give it with --org SLUG)"),
                        c->where, (long long)have);
    if (have > 0)
        return cli_fail(EXIT_INPUT, _("%s already holds %lld employees; the demo only fills an "
                                      "empty database (use another --db)"),
                        c->where, (long long)have);
    str err = STR_INIT;
    if (demo_fill(c->db, date_today(), &err) != STORE_OK) {
        rc = cli_fail(EXIT_INTERNAL, "demo: %s", str_cstr(&err));
        str_free(&err);
        return rc;
    }
    int64_t made = employees_count(c->db);
    /* English keeps the plural for one, as it always printed (the others count) */
    printf(P_("%s: demo organisation created with %lld employees. Logins:\n",
              "%s: demo organisation created with %lld employees. Logins:\n", (unsigned long)made),
           c->where, (long long)made);
    for (const demo_login *l = demo_logins; l->login; l++)
        if (!show_demo_login(c, l))
            return cli_fail(EXIT_INTERNAL, "%s", store_error(c->db));
    if (!show_demo_login(c, &demo_newcomer))
        return cli_fail(EXIT_INTERNAL, "%s", store_error(c->db));
    return EXIT_OK;
}

/* Reads the number after option NAME into *out when it is given: false (after
 * saying why) when it is not a whole number from MIN to MAX. */
static bool serve_number(const char *name, const char *text, long min, long max, int *out)
{
    if (!text)
        return true;
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (!*text || *end || errno || v < min || v > max) {
        cli_fail(EXIT_USAGE, _("serve: %s takes a number from %ld to %ld"), name, min, max);
        return false;
    }
    *out = (int)v;
    return true;
}

/* Reads serve's --public-url TEXT (NULL: not given) into OUT, as the
 * setting public_url would keep it; false (after saying why) when it is
 * not such an address. */
static bool serve_public_url(const char *text, str *out)
{
    const char *why;
    if (!text || setting_normalize("public_url", text, out, &why))
        return true;
    str_free(out);
    cli_fail(EXIT_USAGE, _("serve: --public-url takes %s"), _(why));
    return false;
}

/* True when the organisation DB serves has its own public_url. */
static bool has_public_url(store *db)
{
    str v = STR_INIT;
    bool yes = settings_get(db, "public_url", &v) == STORE_ROW && v.len;
    str_free(&v);
    return yes;
}

/* What `serve` says once it listens: where, on which port (the one the
 * system chose for --port 0), so that nobody is told to open a port that is
 * not served. */
typedef struct serving_where {
    const char *what; /* the database or organisation */
    const char *bind;
} serving_where;

static void announce_serving(int port, void *ctx)
{
    const serving_where *w = ctx;
    fprintf(stderr, _("groeipad: serving %s on http://%s:%d (Ctrl-C stops)\n"), w->what,
            w->bind ? w->bind : "localhost", port);
}

/* Brings every organisation of the site DB up to date before serving it,
 * as a command with --org does for its own (a new groeipad served over
 * organisations made by an older one answered 500 on their new pages). An
 * organisation that cannot be is named on stderr and served as it is; the
 * others are not held back by it; those without a public_url are counted
 * (their badges name BADGE_ADDRESS), unless PUBLIC_URL (serve --public-url)
 * gives them one. EXIT_INTERNAL when
 * the site cannot list its organisations, or when a newer groeipad migrated
 * one: this one must not write in it. */
static int migrate_every_org(store *db, const char *public_url, const char *badge_address)
{
    arena a = ARENA_INIT;
    organisation *orgs;
    size_t n;
    if (orgs_list(db, &a, &orgs, &n) != STORE_OK) {
        arena_free(&a);
        return cli_fail(EXIT_INTERNAL, _("the site's organisations: %s"), store_error(db));
    }
    int brought = 0, failed = 0, newer = 0, unaddressed = 0;
    const char *one_unaddressed = NULL;
    for (size_t i = 0; i < n; i++) {
        int applied = 0;
        int rc = store_use_org(db, orgs[i].slug);
        if (rc == STORE_OK)
            rc = store_migrate(db, &applied);
        if (rc == STORE_OK && !public_url && !has_public_url(db)) {
            unaddressed++;
            one_unaddressed = orgs[i].slug;
        }
        if (rc == STORE_CONSTRAINT) { /* a newer groeipad's */
            fprintf(stderr, "groeipad: %s\n", store_error(db));
            newer++;
        } else if (rc != STORE_OK) {
            fprintf(stderr, _("groeipad: organisation %s could not be brought up to date: %s\n"),
                    orgs[i].slug, store_error(db));
            failed++;
        }
        brought += applied > 0;
    }
    if (newer) {
        arena_free(&a);
        return cli_fail(EXIT_INTERNAL, _("serve: migrated by a newer groeipad (named above): %d "
                                         "of %zu organisations; serve the site with that version"),
                        newer, n);
    }
    if (brought)
        /* these three: English as it always printed, for one too */
        fprintf(stderr, P_("groeipad: brought up to date: %d of %zu organisations\n",
                           "groeipad: brought up to date: %d of %zu organisations\n", n),
                brought, n);
    if (failed)
        fprintf(stderr, P_("groeipad: served as they are (named above; their newer pages fail "
                           "until 'groeipad --pg URL --org SLUG init' succeeds): %d of %zu "
                           "organisations\n",
                           "groeipad: served as they are (named above; their newer pages fail "
                           "until 'groeipad --pg URL --org SLUG init' succeeds): %d of %zu "
                           "organisations\n", n),
                failed, n);
    /* A badge carries its verification address, signed, for good: said at
     * the start rather than found out from badges that name localhost. */
    if (unaddressed)
        fprintf(stderr, P_("groeipad: without a public_url, so their badges name %s: %d of %zu "
                           "organisations (for example: groeipad --pg URL --org %s settings "
                           "public_url https://..., or serve --public-url for all of them)\n",
                           "groeipad: without a public_url, so their badges name %s: %d of %zu "
                           "organisations (for example: groeipad --pg URL --org %s settings "
                           "public_url https://..., or serve --public-url for all of them)\n", n),
                badge_address, unaddressed, n, one_unaddressed);
    arena_free(&a);
    return store_use_org(db, NULL) == STORE_OK ? EXIT_OK
                                              : cli_fail(EXIT_INTERNAL, "%s", store_error(db));
}

int cmd_serve(cli *c)
{
    if (cli_wants_help(c)) {
        cli_print_usage(stdout,
                        "groeipad [--db PATH] serve [--port N] [--bind ADDR] [--threads N]\n"
                        "                                  [--max-per-address N] "
                        "[--behind-tls-proxy]\n"
                        "                                  [--public-url URL]");
        putchar('\n');
        puts(_("Serves the web application and the API until interrupted (Ctrl-C)."));
        printf("  --port N               %s\n",
               _("the TCP port (default 8080; 0: a free one,\n"
                 "                         named once the server listens)"));
        printf("  --bind ADDR            %s\n", _("the IPv4 address to listen on (default all)"));
        printf("  --threads N            %s\n", _("worker threads (default one per core)"));
        printf("  --max-per-address N    %s\n",
               _("connections one client address may hold at once\n"
                 "                         (default 128); more are closed at once. Behind a\n"
                 "                         reverse proxy every client has the proxy's address:\n"
                 "                         raise it there, and let the proxy limit each client."));
        printf("  --behind-tls-proxy     %s\n",
               _("a reverse proxy in front ends TLS and sets\n"
                 "                         X-Forwarded-Proto: https; only then are cookies "
                 "marked\n"
                 "                         Secure from that header, and the last address of\n"
                 "                         X-Forwarded-For names the client for the login\n"
                 "                         throttle (without this option a client's\n"
                 "                         X-Forwarded-Proto and X-Forwarded-For are ignored,\n"
                 "                         unless the setting behind_tls_proxy is yes)"));
        printf("  --public-url URL       %s\n",
               _("the address people reach the server at\n"
                 "                         (https://groeipad.example.be), for the addresses it\n"
                 "                         gives out (badges, calendars) of every organisation\n"
                 "                         without a public_url setting of its own"));
        return EXIT_OK;
    }
    static const char *const options[] = {"--port=", "--bind=", "--threads=",
                                          "--max-per-address=", "--behind-tls-proxy",
                                          "--public-url=", NULL};
    if (!cli_check_args(c, 1, options, 0))
        return EXIT_USAGE;
    bool bad = false;
    server_config cfg = {c->target, c->org, cli_option(c, "--bind", &bad), 8080, 0};
    if (!serve_number("--port", cli_option(c, "--port", &bad), 0, 65535, &cfg.port) ||
        !serve_number("--threads", cli_option(c, "--threads", &bad), 1, 64, &cfg.threads) ||
        !serve_number("--max-per-address", cli_option(c, "--max-per-address", &bad), 1, 100000,
                      &cfg.max_per_address))
        return EXIT_USAGE;
    for (int i = 1; i < c->argc; i++)
        if (strcmp(c->argv[i], "--behind-tls-proxy") == 0)
            cfg.behind_tls_proxy = true;
    str public_url = STR_INIT;
    if (!serve_public_url(cli_option(c, "--public-url", &bad), &public_url))
        return EXIT_USAGE;
    cfg.public_url = public_url.len ? str_cstr(&public_url) : NULL;
    /* A site without --org serves every organisation: its registry is made
     * or brought up to date here, each organisation by 'init' or 'org add'. */
    bool site = store_target_is_pg(c->target) && !c->org;
    int rc = site ? cli_connect(c) : cli_open(c, true), applied;
    if (rc == EXIT_OK && site && store_migrate(c->db, &applied) != STORE_OK)
        rc = cli_fail(EXIT_INTERNAL, _("the site's registry: %s"), store_error(c->db));
    if (rc == EXIT_OK && site) {
        /* what badges name without a public_url: the address served */
        str local = STR_INIT;
        if (!server_local_url(&cfg, &local))
            str_puts(&local, setting_find("public_url")->fallback);
        rc = migrate_every_org(c->db, cfg.public_url, str_cstr(&local));
        str_free(&local);
    }
    if (rc != EXIT_OK) {
        str_free(&public_url);
        return rc;
    }
    cli_close(c); /* each worker opens its own connection */
    str err = STR_INIT;
    mail_sender *mail = mail_sender_start(c->target, c->org, 30); /* the outbox, over SMTP */
    serving_where where = {c->where, cfg.bind};
    int ran = server_run(&cfg, announce_serving, &where, &err);
    mail_sender_stop(mail);
    str_free(&public_url);
    if (ran != 0) {
        rc = cli_fail(EXIT_INTERNAL, "serve: %s", str_cstr(&err));
        str_free(&err);
        return rc;
    }
    fputs(_("groeipad: stopped\n"), stderr);
    return EXIT_OK;
}

static void print_setting(const char *key, const char *value, void *ctx)
{
    (void)ctx;
    if (!setting_find(key))
        printf("%s = %s\n", key, value);
}

/* What setting D is when unset: on a site, an organisation without a name
 * setting has the registry's name (the one its pages show); in A. */
static const char *unset_value(store *db, arena *a, const setting_def *d)
{
    const char *registered = strcmp(d->key, "name") == 0 ? site_org_name(db, a) : NULL;
    return registered ? registered : d->fallback;
}

/* Sets (VALUE) or unsets (NULL) the setting KEY, in its own transaction. */
static int save_setting(store *db, const char *key, const char *value)
{
    int rc = store_begin(db);
    if (rc == STORE_OK)
        rc = settings_set(db, "cli", key, value);
    return store_end(db, rc);
}

int cmd_settings(cli *c)
{
    if (cli_wants_help(c)) {
        printf("%s groeipad [--db PATH] settings [KEY [VALUE]]\n\n%s\n", _("usage:"),
               _("Without KEY, lists every setting; with KEY, prints its value; with VALUE, sets\n"
                 "it (an empty VALUE removes it, so the default applies again). Settings:"));
        for (const setting_def *d = setting_defs; d->key; d++)
            printf("  %-16s %s\n", d->key, _(d->description));
        return EXIT_OK;
    }
    static const char *const none[] = {NULL};
    if (!cli_check_args(c, 1, none, 2))
        return EXIT_USAGE;
    int rc = cli_open(c, c->argc == 3);
    if (rc != EXIT_OK)
        return rc;
    str value = STR_INIT;
    arena a = ARENA_INIT;
    const char *shown;
    if (c->argc == 1) {
        for (const setting_def *d = setting_defs; d->key; d++) {
            int got = settings_get(c->db, d->key, &value);
            if (got == STORE_ERROR)
                break;
            if (got == STORE_ROW && strcmp(d->key, "smtp_password") == 0)
                printf("%s = ********\n", d->key); /* a secret is set, not shown */
            else if (got == STORE_ROW)
                printf("%s = %s\n", d->key, str_cstr(&value));
            else if ((shown = unset_value(c->db, &a, d)))
                printf("%s = %s  (%s)\n", d->key, shown, _("default"));
            else
                printf("%s  (%s%s %s)\n", d->key, _("unset"), i18n_colon(), _(d->description));
        }
        rc = settings_each(c->db, print_setting, NULL) == STORE_OK ? EXIT_OK : EXIT_INTERNAL;
    } else if (c->argc == 2) {
        const setting_def *d = setting_find(c->argv[1]);
        int got = settings_get(c->db, c->argv[1], &value);
        if (got == STORE_ERROR)
            rc = cli_fail(EXIT_INTERNAL, "%s", store_error(c->db));
        else if (got == STORE_ROW)
            puts(str_cstr(&value));
        else if (d)
            puts((shown = unset_value(c->db, &a, d)) ? shown : "");
        else
            rc = cli_fail(EXIT_INPUT, _("settings: unknown setting '%s'"), c->argv[1]);
    } else {
        const char *error = NULL;
        bool unset = c->argv[2][0] == '\0';
        if (!unset && !setting_normalize(c->argv[1], c->argv[2], &value, &error))
            rc = cli_fail(EXIT_INPUT, "settings: %s: %s", c->argv[1], _(error));
        else if (unset && !setting_find(c->argv[1]))
            rc = cli_fail(EXIT_INPUT, _("settings: unknown setting '%s'"), c->argv[1]);
        else if (save_setting(c->db, c->argv[1], unset ? NULL : str_cstr(&value)) != STORE_OK)
            rc = cli_fail(EXIT_INTERNAL, "%s", store_error(c->db));
        /* a site's server serves every organisation and reads no one's */
        else if (strcmp(c->argv[1], "behind_tls_proxy") == 0 && c->org)
            fputs(_("groeipad: this counts for 'serve' with --org; 'serve' of the whole site "
                    "reads no organisation's setting: start it with --behind-tls-proxy\n"),
                  stderr);
    }
    str_free(&value);
    arena_free(&a);
    return rc;
}
