/* test_cli.c - the command line as a user types it: exit statuses, output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <jansson.h>
#include <sqlite3.h>
#include "helpers.h"
#include "app/reports.h"
#include "cli/cli.h"
#include "store/data.h"
#include "store/facts.h"
#include "store/site.h"
#include "core/model.h"
#include "core/reports.h"
#include "util/crypto.h"

static void test_usage_and_help(void **state)
{
    (void)state;
    char *out;
    const char *db = test_path("cli-usage.db");
    assert_int_equal(gp(db, "--help", NULL, &out), 0);
    assert_non_null(strstr(out, "usage: groeipad"));
    /* every command group's commands, as README.md lists them */
    assert_non_null(strstr(out, "  user password --login L"));
    assert_non_null(strstr(out, "  user grant --login L --role R"));
    assert_non_null(strstr(out, "  user role --login L --role R"));
    assert_non_null(strstr(out, "  user remove --login L [--yes]"));
    assert_non_null(strstr(out, "  report gaps "));
    assert_non_null(strstr(out, "assessments|"));
    free(out);
    /* the privacy rule as RULES.md 4 has it: combined or without figures */
    assert_int_equal(gp(db, "report --help", NULL, &out), 0);
    assert_null(strstr(out, "only those with"));
    assert_null(strstr(out, "hides groups"));
    assert_non_null(strstr(out, "combined with the\nsmallest group large enough"));
    assert_non_null(strstr(out, "organisations under it too"));
    free(out);
    assert_int_equal(gp(db, "frobnicate 2>/dev/null", NULL, NULL), 2);
    assert_int_equal(gp(db, "serve --port nope 2>/dev/null", NULL, NULL), 2);
    assert_int_equal(gp(db, "serve --colour 2>/dev/null", NULL, NULL), 2);
    assert_int_equal(gp(db, "serve --public-url ftp://x.example 2>/dev/null", NULL, NULL), 2);
    const char *commands[] = {"init", "demo", "serve", "settings", "user", "export", "import",
                              "report", "backup", "restore"};
    for (size_t i = 0; i < 10; i++) {
        char args[64];
        snprintf(args, sizeof args, "%s --help", commands[i]);
        assert_int_equal(gp(db, args, NULL, &out), 0);
        assert_non_null(strstr(out, "usage: groeipad"));
        free(out);
    }
}

static void test_init_and_missing_database(void **state)
{
    (void)state;
    char *out;
    const char *db = test_path("cli-init.db");
    if (!test_pg()) /* on a site, the organisation is made (registered) first */
        assert_int_equal(gp(db, "export employees 2>/dev/null", NULL, NULL), 3);
    assert_int_equal(gp(db, "init", NULL, &out), 0);
    assert_non_null(strstr(out, "schema 0 -> 15")); /* 015_trainer_questions */
    free(out);
    assert_int_equal(gp(db, "init", NULL, &out), 0);
    assert_non_null(strstr(out, "up to date"));
    free(out);
    if (!test_pg())
        assert_int_equal(gp("/nonexistent-dir/x.db", "init 2>/dev/null", NULL, NULL), 3);
}

/* Runs groeipad with ARGS as they are (no --db or --pg added). */
static int gp_raw(const char *args, char **out)
{
    str cmd = STR_INIT;
    str_printf(&cmd, "%s %s", groeipad_bin(), args);
    int rc = run_shell(str_cstr(&cmd), NULL, out);
    str_free(&cmd);
    return rc;
}

/* A site's organisations, and every way of naming a site or an
 * organisation wrongly: a clear message and status 3 (2 for usage: an
 * option without its value, --org without --pg). */
static void test_site_and_its_organisations(void **state)
{
    (void)state;
    char *out = NULL;
    assert_int_equal(gp_raw("--org acme export employees 2>/dev/null", NULL), 2);
    /* a wrong URL is status 3 with a clear message, whatever its kind */
    const char *wrong[] = {"not-a-url", "mysql://foo", "''", "'host=/tmp dbname=x'"};
    for (size_t i = 0; i < sizeof wrong / sizeof *wrong; i++) {
        char args[128];
        snprintf(args, sizeof args, "--pg %s org list 2>&1", wrong[i]);
        assert_int_equal(gp_raw(args, &out), 3);
        assert_non_null(strstr(out, "--pg wants a URL such as postgresql://"));
        free(out);
    }
    assert_int_equal(gp_raw("--pg 'postgresql://u@[::1/x' org list 2>&1", &out), 3);
    assert_non_null(strstr(out, "cannot read the PostgreSQL URL"));
    free(out);
    assert_int_equal(gp_raw("--pg 2>&1", &out), 2); /* no URL at all: usage, saying so */
    assert_non_null(strstr(out, "--pg wants a site's URL after it"));
    free(out);
    assert_int_equal(gp_raw("--pg 'postgresql:///x?host=/nonexistent-dir' org list 2>&1", &out),
                     3);
    assert_non_null(strstr(out, "cannot connect to PostgreSQL"));
    free(out);
    if (!test_pg())
        return;
    str args = STR_INIT;
    str_printf(&args, "--pg '%s' --org nosuchorg report social-balance --year 2025 2>&1",
               test_pg());
    assert_int_equal(gp_raw(str_cstr(&args), &out), 3);
    assert_non_null(strstr(out, "no organisation 'nosuchorg'"));
    free(out);
    str_clear(&args);
    str_printf(&args, "--pg '%s' org add 'Bad Slug' --name X 2>/dev/null", test_pg());
    assert_int_equal(gp_raw(str_cstr(&args), NULL), 1);
    str_clear(&args);
    str_printf(&args, "--pg '%s' org add sitetest --name 'Site Test NV'", test_pg());
    assert_int_equal(gp_raw(str_cstr(&args), &out), 0);
    assert_non_null(strstr(out, "organisation sitetest"));
    free(out);
    str_clear(&args);
    str_printf(&args, "--pg '%s' org add sitetest --name Again 2>/dev/null", test_pg());
    assert_int_equal(gp_raw(str_cstr(&args), NULL), 1);
    str_clear(&args);
    str_printf(&args, "--pg '%s' org list", test_pg());
    assert_int_equal(gp_raw(str_cstr(&args), &out), 0);
    assert_non_null(strstr(out, "sitetest\tSite Test NV"));
    free(out);
    /* A migration the schema half has (its table there, its line gone): a
     * clear message naming it, status 3, and nothing changed. The lines of
     * the later migrations go too, so that 011 (which makes a table) is
     * the next to apply. */
    str_clear(&args);
    str_printf(&args, "psql '%s' -qc 'DELETE FROM org_sitetest.schema_migrations WHERE "
                      "version >= 11' >/dev/null 2>&1", test_pg());
    assert_int_equal(run_shell(str_cstr(&args), NULL, NULL), 0);
    str_clear(&args);
    str_printf(&args, "--pg '%s' --org sitetest init 2>&1", test_pg());
    assert_int_equal(gp_raw(str_cstr(&args), &out), 3);
    assert_non_null(strstr(out, "migration 0"));
    assert_non_null(strstr(out, "already exists"));
    free(out);
    /* Without --org a site's command does not guess the organisation. */
    str_clear(&args);
    str_printf(&args, "--pg '%s' export employees 2>/dev/null", test_pg());
    assert_int_equal(gp_raw(str_cstr(&args), NULL), 2);
    str_free(&args);
}

/* A password in the site's address never comes out in a message, in any
 * form it can take there, nor what libpq quotes of it. Before, only
 * postgresql://user:PASSWORD@ was hidden. */
static void test_passwords_never_shown(void **state)
{
    (void)state;
    const char *sites[] = {
        "postgresql:///x?host=/nonexistent-dir&user=u&password=hunter2&dbname=nodb",
        "postgresql:///x?password=hunter2&host=/nonexistent-dir",
        "postgresql:///x?host=/nonexistent-dir&pass%77ord=hunter2",
        "postgresql://u:hunter2@/x?host=/nonexistent-dir",
        "postgresql://u:hun%zzter2@localhost/x",
        "postgresql://u:hu/nter2@localhost/x",
        "postgresql://u:hunter2@[::1/x",
        "postgresql:///x?host=/nonexistent-dir&password=hun%zzter2",
        "host=/nonexistent-dir password=hunter2",
        "host=/nonexistent-dir password = 'hun ter2' user=u",
        "postgresql://u:hun?ter2@localhost:1/x",
        "postgresql://u:hun?ter2@localhost:1/x?password=hunter2",
        "postgresql:///x?host=/nonexistent-dir&sslpassword=hunter2",
        "host=/nonexistent-dir sslpassword=hunter2",
    };
    for (size_t i = 0; i < sizeof sites / sizeof *sites; i++) {
        char args[256], *out;
        snprintf(args, sizeof args, "--pg \"%s\" org list 2>&1", sites[i]);
        assert_int_not_equal(gp_raw(args, &out), 0);
        if (strstr(out, "ter2") || strstr(out, "\"hu\""))
            fail_msg("%s: %s", sites[i], out);
        assert_non_null(strstr(out, "***"));
        free(out);
    }
}

/* Options that contradict each other or come twice are refused (status 2)
 * rather than one of them silently winning; org add and org list refuse
 * --org as report sector does. The site need not be reachable: the
 * command line is checked first. */
static void test_options_that_clash(void **state)
{
    (void)state;
    const char *site = test_pg() ? test_pg() : "postgresql:///x?host=/nonexistent-dir";
    const char *lines[] = {
        "--pg '%s' --org nope org list",
        "--pg '%s' --org nope org add other --name Other",
        "--db x.db --pg '%s' org list",
        "--pg '%s' --db x.db org list",
        "--pg '%s' --org a --org b export employees",
        "--pg '%s' --pg '%s' org list",
    };
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        char args[512], *out;
        snprintf(args, sizeof args, lines[i], site, site);
        size_t n = strlen(args);
        snprintf(args + n, sizeof args - n, " 2>&1");
        assert_int_equal(gp_raw(args, &out), 2);
        assert_true(strstr(out, "no --org") || strstr(out, "give one") ||
                    strstr(out, "given twice"));
        free(out);
    }
    assert_int_equal(gp_raw("--db a.db --db b.db init 2>/dev/null", NULL), 2);
    if (test_pg()) { /* the refused org add made nothing */
        char args[512], *out;
        snprintf(args, sizeof args, "--pg '%s' org list", site);
        assert_int_equal(gp_raw(args, &out), 0);
        assert_null(strstr(out, "other\tOther"));
        free(out);
    }
}

/* An organisation's name is text that org list can show on one line: a
 * tab, a line break, any control character, invalid UTF-8 or more than 200
 * characters is refused with status 1 before the site is asked (invalid
 * UTF-8 gave PostgreSQL's error and status 3, the others went in). */
static void test_org_names(void **state)
{
    (void)state;
    const char *site = test_pg() ? test_pg() : "postgresql:///x?host=/nonexistent-dir";
    str long_name = STR_INIT, args = STR_INIT;
    for (int i = 0; i < 201; i++)
        str_puts(&long_name, "\xc3\xa9"); /* é: 201 characters, 402 bytes */
    const char *bad[] = {"'a\tb'", "\"$(printf 'a\\nb')\"", "\"$(printf 'a\\033[2Jb')\"",
                         "\"$(printf 'a\\302\\205b')\"", "\"$(printf 'a\\377b')\"", "'   '",
                         str_cstr(&long_name)};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *out;
        str_clear(&args);
        str_printf(&args, "--pg '%s' org add named%zu --name %s 2>&1", site, i, bad[i]);
        assert_int_equal(gp_raw(str_cstr(&args), &out), 1);
        assert_non_null(strstr(out, "the name must be 1 to 200 characters"));
        free(out);
    }
    /* 200 characters, accents and all, are a name */
    long_name.len -= 2;
    long_name.p[long_name.len] = '\0';
    str_clear(&args);
    str_printf(&args, "--pg '%s' org add named --name 'Caf%s' >/dev/null 2>&1", site,
               str_cstr(&long_name) + 6);
    assert_int_equal(gp_raw(str_cstr(&args), NULL), test_pg() ? 0 : 3);
    if (test_pg()) {
        char *out;
        str_clear(&args);
        str_printf(&args, "--pg '%s' org list", site);
        assert_int_equal(gp_raw(str_cstr(&args), &out), 0);
        assert_non_null(strstr(out, "named\tCaf\xc3\xa9\xc3\xa9"));
        assert_null(strstr(out, "named0"));
        free(out);
    }
    str_free(&long_name);
    str_free(&args);
}

/* A role of the site's database that may read an organisation but create
 * nothing (an analyst's) runs its reports once the schemas are up to date,
 * and a write by it fails with status 3 and the server's reason. Before,
 * every command first made sure of the schemas by CREATE ... IF NOT EXISTS,
 * which asks for the right to create even when there is nothing to make. */
static void test_a_role_that_only_reads(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    char role[32], *out = NULL;
    snprintf(role, sizeof role, "reader%d", (int)getpid());
    str args = STR_INIT, url = STR_INIT;
    str_printf(&args, "--pg '%s' org add readers%d --name Readers >/dev/null && "
                      "%s --pg '%s' --org readers%d init >/dev/null",
               test_pg(), (int)getpid(), groeipad_bin(), test_pg(), (int)getpid());
    assert_int_equal(gp_raw(str_cstr(&args), NULL), 0);
    str_clear(&args);
    str_printf(&args, "psql '%s' -q -c 'CREATE ROLE %s LOGIN' "
                      "-c 'GRANT USAGE ON SCHEMA registry, org_readers%d TO %s' "
                      "-c 'GRANT SELECT ON ALL TABLES IN SCHEMA registry, org_readers%d TO %s' "
                      ">/dev/null 2>&1", test_pg(), role, (int)getpid(), role,
               (int)getpid(), role);
    assert_int_equal(run_shell(str_cstr(&args), NULL, NULL), 0);
    /* libpq takes the last of a URL's repeated parameters. */
    str_printf(&url, "%s%suser=%s", test_pg(), strchr(test_pg(), '?') ? "&" : "?", role);
    str_clear(&args);
    str_printf(&args, "--pg '%s' --org readers%d report social-balance --year 2025 2>&1",
               str_cstr(&url), (int)getpid());
    assert_int_equal(gp_raw(str_cstr(&args), &out), 0);
    assert_non_null(strstr(out, "\"year\": 2025"));
    free(out);
    str_clear(&args);
    str_printf(&args, "--pg '%s' --org readers%d settings name Lezers 2>&1", str_cstr(&url),
               (int)getpid());
    assert_int_equal(gp_raw(str_cstr(&args), &out), 3);
    assert_non_null(strstr(out, "permission denied"));
    free(out);
    str_clear(&args);
    str_printf(&args, "psql '%s' -q -c 'DROP OWNED BY %s' -c 'DROP ROLE %s' >/dev/null 2>&1",
               test_pg(), role, role);
    assert_int_equal(run_shell(str_cstr(&args), NULL, NULL), 0);
    str_free(&args);
    str_free(&url);
}

static void test_demo_only_once(void **state)
{
    (void)state;
    char *out;
    const char *db = test_path("cli-demo.db");
    assert_int_equal(gp(db, "demo", NULL, &out), 0);
    assert_non_null(strstr(out, "demo-admin"));
    free(out);
    /* the second refusal says where the demo can go instead: another
     * database file, or on a site another organisation */
    assert_int_equal(gp(db, "demo 2>&1", NULL, &out), 1);
    if (test_pg()) {
        assert_non_null(strstr(out, "empty organisation"));
        assert_non_null(strstr(out, "org add"));
        assert_null(strstr(out, "--db"));
    } else {
        assert_non_null(strstr(out, "use another --db"));
    }
    free(out);
}

static void test_users_and_tokens(void **state)
{
    (void)state;
    char *out;
    const char *db = test_path("cli-users.db");
    assert_int_equal(gp(db, "demo >/dev/null", NULL, NULL), 0);
    assert_int_equal(gp(db, "user add --login hr2 --role admin", "long-enough\n", NULL), 0);
    assert_int_equal(gp(db, "user add --login hr2 --role admin 2>/dev/null", "long-enough\n",
                        NULL), 1);
    assert_int_equal(gp(db, "user add --login hr3 --role boss 2>/dev/null", "long-enough\n",
                        NULL), 2);
    assert_int_equal(gp(db, "user add --login hr3 --role admin 2>/dev/null", "short\n", NULL), 1);
    assert_int_equal(gp(db, "user add --login hr3 --role admin 2>/dev/null", "", NULL), 1);
    assert_int_equal(gp(db, "user add --login e5 --role employee --employee NOPE 2>/dev/null",
                        "long-enough\n", NULL), 1);
    assert_int_equal(gp(db, "user add --login e5 --role employee --employee E005",
                        "long-enough\n", NULL), 0);
    /* one login per employee: a second one is refused, naming the first */
    assert_int_equal(gp(db, "user add --login e6 --role employee --employee E005 2>&1",
                        "long-enough\n", &out), 1);
    assert_non_null(strstr(out, "employee E005 already has the login 'e5'"));
    free(out);
    assert_int_equal(gp(db, "user token --login e6 2>/dev/null", NULL, NULL), 1);
    assert_int_equal(gp(db, "user token --login e5", NULL, &out), 0);
    assert_int_equal(strlen(out), 65); /* 64 hex and a newline */
    free(out);
    assert_int_equal(gp(db, "user token --login nobody 2>/dev/null", NULL, NULL), 1);
    /* user password: a new one from stdin; the old one and the tokens end */
    assert_int_equal(gp(db, "user password --login e5", "another-long-1\n", &out), 0);
    assert_non_null(strstr(out, "password of e5 set"));
    free(out);
    assert_int_equal(gp(db, "user password --login e5 2>/dev/null", "short\n", NULL), 1);
    assert_int_equal(gp(db, "user password --login nobody 2>/dev/null", "another-long-1\n",
                        NULL), 1);
    assert_int_equal(gp(db, "user password 2>/dev/null", "another-long-1\n", NULL), 2);
    store *s = test_store_open(db);
    assert_int_equal(store_count(s, "SELECT count(*) FROM api_tokens t JOIN users u ON "
                                    "u.id = t.user_id WHERE u.login = 'e5'"), 0);
    store_close(s);
    assert_int_equal(gp(db, "user 2>/dev/null", NULL, NULL), 2);
}

/* user role and user remove: the role changes, a removed user's tokens
 * end, it asks first (and without a terminal wants --yes), the only admin
 * keeps the role, and every change is in the audit log, by "cli". */
static void test_user_role_and_remove(void **state)
{
    (void)state;
    char *out;
    const char *db = test_path("cli-user-roles.db");
    assert_int_equal(gp(db, "demo >/dev/null", NULL, NULL), 0);
    assert_int_equal(gp(db, "user role --login manager --role representative", NULL, &out), 0);
    assert_non_null(strstr(out, "user manager is representative in "));
    free(out);
    assert_int_equal(gp(db, "user role --login manager --role boss 2>/dev/null", NULL, NULL), 2);
    assert_int_equal(gp(db, "user role --login nobody --role admin 2>/dev/null", NULL, NULL), 1);
    assert_int_equal(gp(db, "user role --login manager 2>/dev/null", NULL, NULL), 2);
    /* a login made without its employee is linked afterwards */
    assert_int_equal(gp(db, "user add --login sofie --role manager", "sofie-pass-1\n", NULL), 0);
    assert_int_equal(gp(db, "user link --login sofie --employee E999 2>/dev/null", NULL, NULL), 1);
    assert_int_equal(gp(db, "user link --login sofie --employee E001 2>&1", NULL, &out), 1);
    assert_non_null(strstr(out, "already has the login 'manager'"));
    free(out);
    assert_int_equal(gp(db, "user link --login nobody --employee E031 2>/dev/null", NULL, NULL),
                     1);
    assert_int_equal(gp(db, "user link --login sofie 2>/dev/null", NULL, NULL), 2);
    assert_int_equal(gp(db, "user link --login sofie --employee E031", NULL, &out), 0);
    assert_non_null(strstr(out, "user sofie is the login of employee E031 in "));
    free(out);
    /* the only admin */
    assert_int_equal(gp(db, "user role --login admin --role employee 2>&1", NULL, &out), 1);
    assert_non_null(strstr(out, "admin is the only admin of"));
    assert_non_null(strstr(out, "make another user admin first"));
    free(out);
    assert_int_equal(gp(db, "user remove --login admin --yes 2>&1", NULL, &out), 1);
    assert_non_null(strstr(out, "admin is the only admin of"));
    free(out);
    /* refused before it is asked: no question to confirm what would not be done */
    assert_int_equal(gp(db, "user remove --login admin 2>&1", NULL, &out), 1);
    assert_non_null(strstr(out, "admin is the only admin of"));
    assert_null(strstr(out, "--yes"));
    free(out);
    /* remove: asks first; without a terminal --yes is needed */
    char *token;
    assert_int_equal(gp(db, "user token --login employee", NULL, &token), 0);
    token[strcspn(token, "\n")] = '\0';
    assert_int_equal(gp(db, "user remove --login employee 2>&1", NULL, &out), 2);
    assert_non_null(strstr(out, "add --yes to confirm"));
    free(out);
    store *s = test_store_open(db);
    assert_int_equal(store_count(s, "SELECT count(*) FROM users WHERE login = 'employee'"), 1);
    assert_int_equal(gp(db, "user remove --login employee --yes", NULL, &out), 0);
    assert_non_null(strstr(out, "user employee removed from "));
    if (!test_pg()) /* a file has no site to say anything of */
        assert_null(strstr(out, "belongs to no organisation"));
    free(out);
    assert_int_equal(gp(db, "user remove --login employee --yes 2>/dev/null", NULL, NULL), 1);
    assert_int_equal(store_count(s, "SELECT count(*) FROM users WHERE login = 'employee'"), 0);
    char hash[TOKEN_HEX_SIZE];
    token_hash(token, hash);
    free(token);
    arena a = ARENA_INIT;
    user u;
    assert_int_equal(tokens_find(s, &a, hash, &u), STORE_DONE);
    arena_free(&a);
    assert_int_equal(store_count(s, "SELECT count(*) FROM audit_log WHERE actor = 'cli' AND "
                                    "entity = 'user' AND entity_key = 'manager' AND action = "
                                    "'update' AND before = '{\"role\":\"manager\"}' AND after = "
                                    "'{\"role\":\"representative\"}'"), 1);
    assert_int_equal(store_count(s, "SELECT count(*) FROM audit_log WHERE actor = 'cli' AND "
                                    "entity = 'user' AND entity_key = 'employee' AND action = "
                                    "'delete' AND after IS NULL AND before LIKE "
                                    "'%\"role\":\"employee\"%'"), 1);
    assert_int_equal(store_count(s, "SELECT count(*) FROM audit_log WHERE entity = 'user' AND "
                                    "entity_key = 'admin' AND action IN ('update', 'delete')"),
                     0);
    store_close(s);
    /* with another admin, the first may go */
    assert_int_equal(gp(db, "user role --login manager --role admin >/dev/null", NULL, NULL), 0);
    assert_int_equal(gp(db, "user remove --login admin --yes >/dev/null", NULL, NULL), 0);
    assert_int_equal(gp(db, "user --help", NULL, &out), 0);
    assert_non_null(strstr(out, "user role --login L --role R"));
    assert_non_null(strstr(out, "user remove --login L [--yes]"));
    free(out);
}

static void test_settings(void **state)
{
    (void)state;
    char *out;
    const char *db = test_path("cli-settings.db");
    assert_int_equal(gp(db, "init >/dev/null", NULL, NULL), 0);
    assert_int_equal(gp(db, "settings hours_per_day", NULL, &out), 0);
    assert_string_equal(out, "7.6\n");
    free(out);
    assert_int_equal(gp(db, "settings hours_per_day 7,50", NULL, NULL), 0);
    assert_int_equal(gp(db, "settings hours_per_day", NULL, &out), 0);
    assert_string_equal(out, "7.5\n");
    free(out);
    assert_int_equal(gp(db, "settings days_per_fte 1 2>&1", NULL, &out), 1);
    assert_non_null(strstr(out, " 365")); /* the refusal names the range */
    free(out);
    assert_int_equal(gp(db, "settings hours_per_day abc 2>/dev/null", NULL, NULL), 1);
    assert_int_equal(gp(db, "settings colour blue 2>/dev/null", NULL, NULL), 1);
    assert_int_equal(gp(db, "settings hours_per_day ''", NULL, NULL), 0);
    assert_int_equal(gp(db, "settings", NULL, &out), 0);
    assert_non_null(strstr(out, "hours_per_day = 7.6  (default)"));
    free(out);
    /* a yes/no setting takes the word its description uses in Dutch and
     * French ("ja: ...", "oui : ...") and keeps the code */
    assert_int_equal(gp(db, "settings smtp_starttls nee", NULL, NULL), 0);
    assert_int_equal(gp(db, "settings smtp_starttls", NULL, &out), 0);
    assert_string_equal(out, "no\n");
    free(out);
    assert_int_equal(gp(db, "settings smtp_starttls Oui", NULL, NULL), 0);
    assert_int_equal(gp(db, "settings smtp_starttls", NULL, &out), 0);
    assert_string_equal(out, "yes\n");
    free(out);
    assert_int_equal(gp(db, "settings smtp_starttls maybe 2>/dev/null", NULL, NULL), 1);
    assert_int_equal(gp(db, "settings smtp_starttls", NULL, &out), 0);
    assert_string_equal(out, "yes\n");
    free(out);
}

/* The import summary counts each number in its own plural form: French
 * says "1 remplacée" and "0 mise à jour" (0 and 1 are singular there),
 * not "1 remplacées" after a plural row count. */
static void test_import_counts_each_in_its_plural(void **state)
{
    (void)state;
    char *out, args[600];
    const char *db = test_path("cli-plurals.db");
    const char *people = write_file(
        "plural-people.csv",
        "employee_id,first_name,last_name,gender,birth_date,hire_date,department,function,"
        "category,contract,fte,education\n"
        "E1,An,B,F,1980-01-01,2020-01-01,Office,Clerk,white_collar,permanent,1,high\n");
    const char *one = write_file("plural-one.csv", "employee_id,title,type,start_date,hours\n"
                                                   "E1,Course,formal,2025-03-03,8\n");
    const char *two = write_file("plural-two.csv", "employee_id,title,type,start_date,hours\n"
                                                   "E1,Course,formal,2025-03-03,8\n"
                                                   "E1,Other,formal,2025-04-03,4\n");
    snprintf(args, sizeof args, "import employees %s >/dev/null", people);
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    static const char *const said[][3] = {
        {"fr", "2 lignes\xc2\xa0" ": 2 créées, 0 mise à jour, 0 inchangée, 1 remplacée (", "remplacées"},
        {"nl", "2 rijen: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd, 1 vervangen (", "rij:"},
        {"en", "2 rows: 2 created, 0 updated, 0 unchanged, 1 replaced (", "row:"}};
    snprintf(args, sizeof args, "import learning %s >/dev/null", one);
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    for (size_t i = 0; i < sizeof said / sizeof *said; i++) {
        snprintf(args, sizeof args, "import learning %s --replace-year 2025", two);
        setenv("LANGUAGE", said[i][0], 1);
        int rc = gp(db, args, NULL, &out);
        setenv("LANGUAGE", "en", 1);
        assert_int_equal(rc, 0);
        if (!strstr(out, said[i][1]) || strstr(out, said[i][2]))
            fail_msg("%s: %s", said[i][0], out);
        free(out);
        /* back to the one record, for the next language */
        snprintf(args, sizeof args, "import learning %s --replace-year 2025 >/dev/null", one);
        assert_int_equal(gp(db, args, NULL, NULL), 0);
    }
}

/* A coded value the import refuses: in Dutch and French the message names
 * the words people type there, as the import page does, with the codes
 * beside them; in English the codes are the words. */
static void test_import_names_the_words_people_type(void **state)
{
    (void)state;
    char *out, args[600];
    const char *db = test_path("cli-words.db");
    const char *people = write_file(
        "words-people.csv",
        "employee_id,first_name,last_name,gender,birth_date,hire_date,department,function,"
        "category,contract,fte,education\n"
        "E1,An,B,F,1980-01-01,2020-01-01,Office,Clerk,blauw,permanent,1,high\n");
    snprintf(args, sizeof args, "import employees %s 2>&1", people);
    static const char *const said[][2] = {
        {"nl", "verwacht: een van arbeider of bediende (blue_collar|white_collar)"},
        {"fr", "attendu\xc2\xa0" ": une valeur parmi ouvrier ou employ\xc3\xa9 (blue_collar|white_collar)"},
        {"en", "expected one of blue_collar|white_collar\n"}};
    for (size_t i = 0; i < sizeof said / sizeof *said; i++) {
        setenv("LANGUAGE", said[i][0], 1);
        int rc = gp(db, args, NULL, &out);
        setenv("LANGUAGE", "en", 1);
        assert_int_equal(rc, 1);
        if (!strstr(out, said[i][1]))
            fail_msg("%s: %s", said[i][0], out);
        free(out);
    }
}

/* Runs groeipad on DB with ARGS in the language the environment ENV asks
 * for: every language variable unset, then ENV ("" for none) set, as a
 * terminal has them; INPUT on standard input, standard error into *OUT. */
static int gp_in(const char *env, const char *db, const char *args, const char *input, char **out)
{
    str cmd = STR_INIT;
    str_printf(&cmd, "env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG %s %s ", env,
               groeipad_bin());
    if (test_pg())
        str_printf(&cmd, "--pg '%s' --org %s ", test_pg(), test_org(db));
    else
        str_printf(&cmd, "--db %s ", db);
    str_printf(&cmd, "%s 2>&1", args);
    int rc = run_shell(str_cstr(&cmd), input, out);
    str_free(&cmd);
    return rc;
}

/* The command line speaks one language, the one of the environment (Dutch
 * when it asks for none or for C): its errors, usage errors and what it
 * did, not English between translated lines. The commands, options and
 * their values stay as they are typed. */
static void test_cli_speaks_the_environments_language(void **state)
{
    (void)state;
    char *out;
    const char *db = test_path("cli-language.db");
    assert_int_equal(gp(db, "init >/dev/null", NULL, NULL), 0);
    static const struct {
        const char *env, *login, *missing, *usage, *unknown, *added, *help, *no_file;
    } said[] = {
        {"", "taal_nl", "restore: kan /nonexistent/backup.db niet lezen",
         "report: welk rapport? social-balance, training-right,",
         "onbekende opdracht 'frobnicate'",
         "gebruiker taal_nl (admin) toegevoegd", "opdrachten:", "bestand of map bestaat niet"},
        {"LANG=C", "taal_c", "restore: kan /nonexistent/backup.db niet lezen",
         "report: welk rapport?", "onbekende opdracht 'frobnicate'",
         "gebruiker taal_c (admin) toegevoegd", "opdrachten:", "bestand of map bestaat niet"},
        {"LANG=fr_BE.UTF-8", "taal_fr", "restore\xc2\xa0" ": impossible de lire /nonexistent/backup.db",
         "report\xc2\xa0" ": quel rapport\xc2\xa0" "? social-balance, training-right,",
         "commande inconnue 'frobnicate'", "utilisateur taal_fr (admin) ajouté", "commandes\xc2\xa0" ":",
         "fichier ou dossier introuvable"},
        {"LANG=en_US.UTF-8", "taal_en", "restore: cannot read /nonexistent/backup.db",
         "report: which report? social-balance, training-right,",
         "unknown command 'frobnicate'", "user taal_en (admin) added", "commands:",
         "No such file or directory"}};
    for (size_t i = 0; i < sizeof said / sizeof *said; i++) {
        const char *who = *said[i].env ? said[i].env : "no language variable";
        assert_int_equal(gp_in(said[i].env, db, "restore /nonexistent/backup.db --yes", NULL,
                               &out), 1);
        if (!strstr(out, said[i].missing))
            fail_msg("%s: %s", who, out);
        free(out);
        assert_int_equal(gp_in(said[i].env, db, "import employees /nonexistent/people.csv",
                               NULL, &out), 1);
        if (!strstr(out, "/nonexistent/people.csv: ") || !strstr(out, said[i].no_file))
            fail_msg("%s: %s", who, out);
        free(out);
        assert_int_equal(gp_in(said[i].env, db, "report --year 2025", NULL, &out), 2);
        if (!strstr(out, said[i].usage))
            fail_msg("%s: %s", who, out);
        free(out);
        /* the usage after an unknown command: its words translated, its
         * commands as they are typed */
        assert_int_equal(gp_in(said[i].env, db, "frobnicate", NULL, &out), 2);
        if (!strstr(out, said[i].unknown) || !strstr(out, said[i].help) ||
            !strstr(out, "  user remove --login L [--yes]"))
            fail_msg("%s: %s", who, out);
        free(out);
        char args[128];
        snprintf(args, sizeof args, "user add --login %s --role admin", said[i].login);
        assert_int_equal(gp_in(said[i].env, db, args, "taal-password-1\n", &out), 0);
        if (!strstr(out, said[i].added))
            fail_msg("%s: %s", who, out);
        free(out);
    }
}

/* A mistyped command or option is named with the one it was likely meant
 * to be; a mistaken option before the command is told in one line, not
 * followed by the whole usage. */
static void test_mistakes_get_a_guess(void **state)
{
    (void)state;
    char *out;
    const char *db = test_path("cli-guess.db");
    assert_int_equal(gp(db, "init >/dev/null", NULL, NULL), 0);
    const char *en = "LANG=en_US.UTF-8";
    assert_int_equal(gp_in(en, db, "reprot --year 2025", NULL, &out), 2);
    if (!strstr(out, "unknown command 'reprot'; did you mean 'report'?") ||
        !strstr(out, "commands:"))
        fail_msg("%s", out);
    free(out);
    assert_int_equal(gp_in(en, db, "--yaer 2025 report", NULL, &out), 2);
    if (!strstr(out, "unknown option '--yaer' (see 'groeipad --help'; a command's own options "
                     "come after it)") || strstr(out, "commands:"))
        fail_msg("%s", out);
    free(out);
    assert_int_equal(gp_in(en, db, "report training-right --yaer 2025", NULL, &out), 2);
    if (!strstr(out, "report: unknown option '--yaer'; did you mean '--year'?"))
        fail_msg("%s", out);
    free(out);
    /* a value given with '=' is not read, and never echoed (a URL may carry a password) */
    assert_int_equal(gp_in(en, db, "--org=big report", NULL, &out), 2);
    if (!strstr(out, "--org wants an organisation after it, after a space (not '=')"))
        fail_msg("%s", out);
    free(out);
    assert_int_equal(gp_in(en, db, "--pgg=postgresql://u:secret@db.example/x org list", NULL,
                           &out), 2);
    if (!strstr(out, "unknown option '--pgg'; did you mean '--pg'?") || strstr(out, "secret"))
        fail_msg("%s", out);
    free(out);
    assert_int_equal(gp_in(en, db, "report trainig-right --year 2025", NULL, &out), 2);
    if (!strstr(out, "there is no report 'trainig-right'; did you mean 'training-right'?"))
        fail_msg("%s", out);
    free(out);
    assert_int_equal(gp_in(en, db, "import learnings x.csv", NULL, &out), 2);
    if (!strstr(out, "nothing called 'learnings' to import; did you mean 'learning'?"))
        fail_msg("%s", out);
    free(out);
    assert_int_equal(gp_in("", db, "report training-right --kleur rood", NULL, &out), 2);
    if (!strstr(out, "report: onbekende optie '--kleur' (zie 'groeipad report --help')"))
        fail_msg("%s", out);
    free(out);
}

static void test_export(void **state)
{
    (void)state;
    char *out;
    const char *db = test_path("cli-export.db");
    assert_int_equal(gp(db, "demo >/dev/null", NULL, NULL), 0);
    assert_int_equal(gp(db, "export employees", NULL, &out), 0);
    assert_int_equal(strncmp(out, "employee_id,first_name,last_name,", 33), 0);
    int lines = 0;
    for (char *p = out; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 120); /* header and 119 people */
    free(out);
    assert_int_equal(gp(db, "export employees --format json", NULL, &out), 0);
    json_error_t err;
    json_t *j = json_loads(out, 0, &err);
    assert_non_null(j);
    assert_int_equal(json_array_size(j), 119);
    assert_string_equal(json_string_value(json_object_get(json_array_get(j, 0), "employee_id")),
                        "E001");
    json_decref(j);
    free(out);
    assert_int_equal(gp(db, "export employees --format pdf 2>/dev/null", NULL, NULL), 2);
    assert_int_equal(gp(db, "export nothing 2>/dev/null", NULL, NULL), 2);
}

/* The same data, imported from the same files into a SQLite file and into
 * an organisation of a PostgreSQL site, gives byte-identical legal reports
 * (DESIGN §6). On SQLite alone the check runs SQLite against itself. */
static void test_reports_equal_on_both_backends(void **state)
{
    (void)state;
    const char *source = test_path("both-source.db"), *file = test_path("both-file.db");
    const char *site = test_path("both-site.db");
    str cmd = STR_INIT;
    str_printf(&cmd, "%s --db %s demo >/dev/null", groeipad_bin(), source);
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, NULL), 0);
    const char *kinds[] = {"employees", "activities", "learning", "funding"};
    for (size_t k = 0; k < 4; k++) {
        char name[64];
        snprintf(name, sizeof name, "both-%s.csv", kinds[k]);
        str_clear(&cmd);
        str_printf(&cmd, "%s --db %s export %s > %s", groeipad_bin(), source, kinds[k],
                   test_path(name));
        assert_int_equal(run_shell(str_cstr(&cmd), NULL, NULL), 0);
    }
    assert_int_equal(gp(site, "init >/dev/null", NULL, NULL), 0);
    str_clear(&cmd);
    str_printf(&cmd, "%s --db %s init >/dev/null", groeipad_bin(), file);
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, NULL), 0);
    for (size_t k = 0; k < 4; k++) {
        char name[64], args[700];
        snprintf(name, sizeof name, "both-%s.csv", kinds[k]);
        snprintf(args, sizeof args, "import %s %s >/dev/null", kinds[k], test_path(name));
        assert_int_equal(gp(site, args, NULL, NULL), 0);
        str_clear(&cmd);
        str_printf(&cmd, "%s --db %s %s", groeipad_bin(), file, args);
        assert_int_equal(run_shell(str_cstr(&cmd), NULL, NULL), 0);
    }
    const char *reports[] = {"social-balance --year 2025", "training-right --year 2025",
                             "training-right --year 2026", "participation --year 2025 --by gender",
                             "participation --year 2026 --by department",
                             "participation --year 2026 --by age --min-group 3"};
    for (size_t r = 0; r < sizeof reports / sizeof *reports; r++) {
        char args[128], *on_site, *on_file;
        snprintf(args, sizeof args, "report %s", reports[r]);
        assert_int_equal(gp(site, args, NULL, &on_site), 0);
        str_clear(&cmd);
        str_printf(&cmd, "%s --db %s %s", groeipad_bin(), file, args);
        assert_int_equal(run_shell(str_cstr(&cmd), NULL, &on_file), 0);
        assert_true(strlen(on_file) > 100);
        assert_string_equal(on_site, on_file);
        free(on_site);
        free(on_file);
    }
    str_free(&cmd);
}

/* Participation by each dimension and the social balance read of the people
 * only the fields they use (store/facts.c: PEOPLE_BY_DIM), and participation
 * of the learning only records and hours: each report equals the one
 * computed from everything facts_load reads, on either backend. */
static void test_reports_read_only_what_they_use(void **state)
{
    (void)state;
    store *db = demo_store(test_path("narrow.db"));
    for (int year = 2024; year <= 2026; year++) {
        arena a = ARENA_INIT;
        facts all;
        assert_int_equal(facts_load(db, &a, year, year, &all), STORE_OK);
        str want = STR_INIT, err = STR_INIT;
        for (int dim = 0; dim <= DIM_COUNT; dim++) {
            bool balance = dim == DIM_COUNT; /* the last turn */
            report_query q = {.kind = balance ? REPORT_SOCIAL_BALANCE : REPORT_PARTICIPATION,
                              .year = year, .dimension = dim, .min_group = 1,
                              .role = ROLE_ADMIN, .want = REPORT_JSON};
            str_clear(&want);
            if (balance) {
                social_balance b;
                social_balance_for(&all, year, &b);
                assert_true(social_balance_json(&b, 0, &want, false));
            } else {
                participation p;
                assert_true(participation_for(&all, year, dim, 1, &a, &p));
                assert_true(participation_json(&p, &want, false));
            }
            report_output out;
            if (report_build(db, &a, &q, &out, &err) != REPORT_OK)
                fail_msg("%s by %d in %d: %s", balance ? "balance" : "participation", dim, year,
                         str_cstr(&err));
            assert_true(want.len > 100);
            assert_string_equal(str_cstr(&out.json), str_cstr(&want));
            str_free(&out.json);
        }
        str_free(&want);
        str_free(&err);
        arena_free(&a);
    }
    store_close(db);
}

/* A site's sector report: the sum of its organisations, the privacy rule
 * applied to the whole, and per organisation only those of at least
 * min_group people. */
static void test_sector_report(void **state)
{
    (void)state;
    if (!test_pg())
        return; /* a SQLite file is one organisation */
    const char *one = test_path("sector-one.db"), *two = test_path("sector-two.db");
    const char *small = test_path("sector-small.db");
    assert_int_equal(gp(one, "demo >/dev/null", NULL, NULL), 0);
    assert_int_equal(gp(two, "demo >/dev/null", NULL, NULL), 0);
    const char *three = write_file(
        "sector-small.csv",
        "employee_id,first_name,last_name,gender,birth_date,hire_date,department,function,"
        "category,contract,fte,education\n"
        "S1,An,A,X,1980-01-01,2020-01-01,Office,Clerk,white_collar,permanent,1,high\n"
        "S2,Bo,B,F,1981-01-01,2020-01-01,Office,Clerk,white_collar,permanent,1,high\n"
        "S3,Cy,C,M,1982-01-01,2020-01-01,Office,Clerk,white_collar,permanent,1,high\n");
    char args[600];
    snprintf(args, sizeof args, "import employees %s >/dev/null", three);
    assert_int_equal(gp(small, "init >/dev/null", NULL, NULL), 0);
    assert_int_equal(gp(small, args, NULL, NULL), 0);
    char *out, *alone;
    assert_int_equal(gp(one, "report participation --year 2025 --by gender", NULL, &alone), 0);
    str cmd = STR_INIT;
    str_printf(&cmd, "%s --pg '%s' report sector participation --year 2025 --by gender",
               groeipad_bin(), test_pg());
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, &out), 0);
    json_t *sector = json_loads(out, 0, NULL), *single = json_loads(alone, 0, NULL);
    assert_non_null(sector);
    assert_non_null(single);
    json_int_t each = json_integer_value(
        json_object_get(json_object_get(single, "overall"), "headcount"));
    json_t *all = json_object_get(sector, "participation");
    /* Every organisation of the site counts, the small one too (3 people;
     * other test organisations on the site add theirs). */
    assert_true(json_integer_value(json_object_get(json_object_get(all, "overall"),
                                                   "headcount")) >= 2 * each + 3);
    /* X is combined in one organisation but shown for the whole site. */
    json_t *groups = json_object_get(all, "groups");
    bool x_alone = false;
    for (size_t i = 0; i < json_array_size(groups); i++)
        x_alone |= strcmp(json_string_value(json_object_get(json_array_get(groups, i), "group")),
                          "X") == 0;
    assert_true(x_alone);
    /* By organisation: the small one (3 people) never on its own line, and
     * the lines add up to the sector, or what they leave out is at least
     * min_group people: nothing of it can be found by subtraction. */
    json_t *by = json_object_get(sector, "by_organisation");
    json_t *orgs = json_object_get(by, "groups");
    bool listed_small = false, listed_one = false;
    json_int_t shown = 0;
    for (size_t i = 0; i < json_array_size(orgs); i++) {
        json_t *line = json_array_get(orgs, i);
        const char *name = json_string_value(json_object_get(line, "group"));
        bool hidden = json_is_true(json_object_get(line, "suppressed"));
        listed_small |= strcmp(name, test_org(small)) == 0 && !hidden;
        listed_one |= strcmp(name, test_org(one)) == 0 || strstr(name, test_org(one));
        if (!hidden)
            shown += json_integer_value(json_object_get(line, "headcount"));
    }
    json_int_t whole = json_integer_value(json_object_get(json_object_get(by, "overall"),
                                                          "headcount"));
    json_int_t min = json_integer_value(json_object_get(json_object_get(sector, "sector"),
                                                        "min_group"));
    assert_true(listed_one);
    assert_false(listed_small);
    assert_true(whole - shown == 0 || whole - shown >= min);
    /* the groups are keyed by slug; the header names each organisation */
    json_t *header = json_object_get(sector, "sector");
    assert_string_equal(json_string_value(json_object_get(json_object_get(header, "names"),
                                                          test_org(small))),
                        "sector-small.db");
    assert_true(json_is_null(json_object_get(header, "min_group_set_by")) ||
                json_is_string(json_object_get(header, "min_group_set_by")));
    json_decref(sector);
    json_decref(single);
    free(out);
    free(alone);
    str_clear(&cmd);
    str_printf(&cmd, "%s --pg '%s' report sector social-balance --year 2025", groeipad_bin(),
               test_pg());
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, &out), 0);
    sector = json_loads(out, 0, NULL);
    assert_non_null(sector);
    assert_non_null(json_object_get(sector, "social_balance"));
    /* The small organisation: in a combined line, or suppressed; never alone. */
    orgs = json_object_get(sector, "by_organisation");
    bool small_protected = false;
    for (size_t i = 0; i < json_array_size(orgs); i++) {
        json_t *line = json_array_get(orgs, i);
        const char *name = json_string_value(json_object_get(line, "organisation"));
        bool hidden = json_is_true(json_object_get(line, "suppressed"));
        json_t *members = json_object_get(line, "members");
        if (strcmp(name, test_org(small)) == 0) {
            assert_true(hidden);
            assert_null(json_object_get(line, "social_balance"));
            small_protected = true;
        }
        for (size_t m = 0; m < json_array_size(members); m++)
            if (strcmp(json_string_value(json_array_get(members, m)), test_org(small)) == 0) {
                assert_true(json_is_true(json_object_get(line, "combined")));
                assert_non_null(json_object_get(line, "social_balance"));
                small_protected = true;
            }
    }
    assert_true(small_protected);
    /* As CSV: the same form codes, then the lines by organisation; as a
     * printable page; no other format. */
    json_int_t code_5801 = json_integer_value(json_object_get(
        json_object_get(json_object_get(sector, "social_balance"), "codes"), "5801"));
    json_decref(sector);
    free(out);
    str_clear(&cmd);
    str_printf(&cmd, "%s --pg '%s' report sector social-balance --year 2025 --format csv",
               groeipad_bin(), test_pg());
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, &out), 0);
    char expect[64];
    snprintf(expect, sizeof expect, "code,value\r\n5801,%lld\r\n", (long long)code_5801);
    assert_true(strncmp(out, expect, strlen(expect)) == 0);
    assert_non_null(strstr(out, "\r\n\r\norganisation,headcount,formal_participants,"));
    free(out);
    str_clear(&cmd);
    str_printf(&cmd, "%s --pg '%s' report sector participation --year 2025 --by gender "
                     "--format html", groeipad_bin(), test_pg());
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, &out), 0);
    assert_non_null(strstr(out, "<!DOCTYPE html>"));
    assert_non_null(strstr(out, "<caption>Sector figures: Who takes part in learning 2025, "
                                "Gender</caption>"));
    /* what a reader needs to read it: how many organisations, the minimum group */
    assert_non_null(strstr(out, "<p>Organisations: "));
    assert_non_null(strstr(out, " · Minimum group: "));
    free(out);
    str_clear(&cmd);
    str_printf(&cmd, "%s --pg '%s' report sector participation --year 2025 --by gender "
                     "--format xlsx 2>/dev/null", groeipad_bin(), test_pg());
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, NULL), 2);
    /* A sector report is of a site, not of one organisation. */
    assert_int_equal(gp(one, "report sector participation --year 2025 --by gender 2>/dev/null",
                        NULL, NULL), 2);
    str_free(&cmd);
}

/* The sector report of the site (participation by gender in 2025). */
/* Runs groeipad on SITE with ARGS (a shell's words), STDIN as its input;
 * its exit status, its output in *OUT (heap) when OUT. */
static int on_site(const char *site, const char *args, const char *in, char **out)
{
    str cmd = STR_INIT;
    str_printf(&cmd, "%s --pg '%s' %s", groeipad_bin(), site, args);
    int rc = run_shell(str_cstr(&cmd), in, out);
    str_free(&cmd);
    return rc;
}

static void small_org_named(const char *site, const char *slug, const char *name,
                            const char *people);

/* Makes organisation SLUG on SITE with PEOPLE (gender letters, one person
 * each), every one of them with a learning record in 2025. */
static void small_org(const char *site, const char *slug, const char *people)
{
    small_org_named(site, slug, slug, people);
}

/* small_org with NAME (one shell word) as the organisation's name. */
static void small_org_named(const char *site, const char *slug, const char *name,
                            const char *people)
{
    str csv = STR_INIT, rec = STR_INIT, args = STR_INIT;
    str_puts(&csv, "employee_id,first_name,last_name,gender,birth_date,hire_date,department,"
                   "function,category,contract,fte,education\n");
    str_puts(&rec, "employee_id,title,type,start_date,hours\n");
    for (const char *g = people; *g; g++) {
        str_printf(&csv, "P%d,An,B,%c,1980-01-01,2020-01-01,Office,Clerk,white_collar,"
                         "permanent,1,high\n", (int)(g - people), *g);
        str_printf(&rec, "P%d,Course,formal,2025-03-03,8\n", (int)(g - people));
    }
    char file[64];
    snprintf(file, sizeof file, "%s-people.csv", slug);
    const char *people_file = write_file(file, str_cstr(&csv));
    snprintf(file, sizeof file, "%s-learning.csv", slug);
    const char *learning_file = write_file(file, str_cstr(&rec));
    str_printf(&args, "org add %s --name %s >/dev/null && %s --pg '%s' --org %s init >/dev/null "
                      "&& %s --pg '%s' --org %s import employees %s >/dev/null && %s --pg '%s' "
                      "--org %s import learning %s >/dev/null",
               slug, name, groeipad_bin(), site, slug, groeipad_bin(), site, slug, people_file,
               groeipad_bin(), site, slug, learning_file);
    assert_int_equal(on_site(site, str_cstr(&args), NULL, NULL), 0);
    str_free(&csv);
    str_free(&rec);
    str_free(&args);
}

/* The lines by organisation of a sector participation report OUT: each
 * line's name and headcount, one per line of text (heap). */
static char *org_lines(const char *out)
{
    json_t *j = json_loads(out, 0, NULL);
    assert_non_null(j);
    json_t *groups = json_object_get(json_object_get(j, "by_organisation"), "groups");
    str lines = STR_INIT;
    for (size_t i = 0; i < json_array_size(groups); i++) {
        json_t *g = json_array_get(groups, i);
        str_printf(&lines, "%s %lld\n", json_string_value(json_object_get(g, "group")),
                   (long long)json_integer_value(json_object_get(g, "headcount")));
    }
    json_decref(j);
    char *copy = strdup(str_cstr(&lines));
    str_free(&lines);
    return copy;
}

/* On a site of its own (a database of the test server, so that the
 * organisations are only these): nothing of a small group comes out of the
 * sector reports by subtraction.
 * - Gender X: xa's 2 are hidden on its line and xb's 5 are shown, so the
 *   sector's X less xb's would be xa's: the sector's X is hidden too.
 * - A small organisation joins the same partner whatever the dimension
 *   (before, education's fixed groups "low" and "high" came first and made
 *   "low + tiny" by education but "high + tiny" by gender). */
static void test_sector_report_nothing_by_subtraction(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    char db[48], *out;
    snprintf(db, sizeof db, "sector%d", (int)getpid());
    str site = STR_INIT, cmd = STR_INIT;
    str_printf(&cmd, "psql '%s' -qc 'CREATE DATABASE %s' >/dev/null", test_pg(), db);
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, NULL), 0);
    /* libpq takes the last of a URL's repeated parameters */
    str_printf(&site, "%s%sdbname=%s", test_pg(), strchr(test_pg(), '?') ? "&" : "?", db);
    small_org(str_cstr(&site), "xa", "XXFFFF");
    small_org(str_cstr(&site), "xb", "XXXXXF");
    small_org(str_cstr(&site), "high", "FFFMMM");
    small_org(str_cstr(&site), "low", "FFFMMM");
    small_org(str_cstr(&site), "tiny", "FM");
    assert_int_equal(on_site(str_cstr(&site), "report sector social-balance --year 2025", NULL,
                             &out), 0);
    json_t *j = json_loads(out, 0, NULL);
    assert_non_null(j);
    json_t *formal = json_object_get(json_object_get(j, "social_balance"), "formal");
    assert_true(json_is_null(json_object_get(json_object_get(formal, "participants"), "X")));
    assert_true(json_is_integer(json_object_get(json_object_get(formal, "participants"), "F")));
    json_decref(j);
    free(out);
    assert_int_equal(on_site(str_cstr(&site), "report sector participation --year 2025 --by "
                             "gender", NULL, &out), 0);
    char *by_gender = org_lines(out);
    free(out);
    assert_non_null(strstr(by_gender, "high + tiny 8\n"));
    static const char *const dims[] = {"age", "education", "category", "contract",
                                       "department", "function", "origin", "disability"};
    for (size_t d = 0; d < sizeof dims / sizeof *dims; d++) {
        str_clear(&cmd);
        str_printf(&cmd, "report sector participation --year 2025 --by %s", dims[d]);
        assert_int_equal(on_site(str_cstr(&site), str_cstr(&cmd), NULL, &out), 0);
        char *lines = org_lines(out);
        assert_string_equal(lines, by_gender);
        free(lines);
        free(out);
    }
    free(by_gender);
    str_free(&site);
    str_free(&cmd);
}

/* A site whose organisations together have fewer people than min_group (one
 * small employer of 3): the sector report shows no figure of them, not even
 * the sector's total, on the command line and in its JSON; once a second
 * employer makes the site large enough, the total is there again. */
static void test_sector_report_of_a_small_site(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    char db[48], *out;
    snprintf(db, sizeof db, "smallsite%d", (int)getpid());
    str site = STR_INIT, cmd = STR_INIT;
    str_printf(&cmd, "psql '%s' -qc 'CREATE DATABASE %s' >/dev/null", test_pg(), db);
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, NULL), 0);
    str_printf(&site, "%s%sdbname=%s", test_pg(), strchr(test_pg(), '?') ? "&" : "?", db);
    small_org(str_cstr(&site), "three", "FFM");
    assert_int_equal(on_site(str_cstr(&site), "report sector participation --year 2025 --by "
                             "gender", NULL, &out), 0);
    json_t *j = json_loads(out, 0, NULL);
    assert_non_null(j);
    json_t *overall = json_object_get(json_object_get(j, "participation"), "overall");
    assert_true(json_is_null(json_object_get(overall, "headcount")));
    assert_true(json_is_null(json_object_get(overall, "participants")));
    assert_true(json_is_true(json_object_get(overall, "suppressed")));
    assert_true(json_is_true(json_object_get(json_object_get(j, "sector"), "suppressed")));
    assert_null(strstr(out, "\"headcount\": 3"));
    assert_null(strstr(out, "\"headcount\":3"));
    json_decref(j);
    free(out);
    assert_int_equal(on_site(str_cstr(&site), "report sector social-balance --year 2025", NULL,
                             &out), 0);
    j = json_loads(out, 0, NULL);
    assert_non_null(j);
    assert_true(json_is_null(json_object_get(j, "social_balance")));
    json_decref(j);
    free(out);
    small_org(str_cstr(&site), "more", "FFMMF");
    assert_int_equal(on_site(str_cstr(&site), "report sector participation --year 2025 --by "
                             "gender", NULL, &out), 0);
    j = json_loads(out, 0, NULL);
    overall = json_object_get(json_object_get(j, "participation"), "overall");
    assert_int_equal(json_integer_value(json_object_get(overall, "headcount")), 8);
    assert_null(json_object_get(overall, "suppressed"));
    assert_true(json_is_false(json_object_get(json_object_get(j, "sector"), "suppressed")));
    json_decref(j);
    free(out);
    str_free(&site);
    str_free(&cmd);
}

/* The text of OUT after the first NEEDLE (aborts the test when absent). */
static const char *after(const char *out, const char *needle)
{
    const char *at = strstr(out, needle);
    if (!at)
        fail_msg("no '%s' in: %s", needle, out);
    return at + strlen(needle);
}

/* On a site of its own: an empty site's org list says so on stderr only;
 * the sector reports list the organisations by name, not by slug, in the
 * CSV and the JSON alike (slug "mini" is "Mini BV", slug "schelde" is "De
 * Schelde Voeding NV"), and the printable page is titled in the run's
 * language; org remove counts one login as one. */
static void test_site_words(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    char db[48], *out;
    snprintf(db, sizeof db, "words%d", (int)getpid());
    str site = STR_INIT, cmd = STR_INIT;
    str_printf(&cmd, "psql '%s' -qc 'CREATE DATABASE %s' >/dev/null", test_pg(), db);
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, NULL), 0);
    str_printf(&site, "%s%sdbname=%s", test_pg(), strchr(test_pg(), '?') ? "&" : "?", db);
    /* no organisation yet: nothing on stdout for scripts, a hint on stderr */
    assert_int_equal(on_site(str_cstr(&site), "org list 2>/dev/null", NULL, &out), 0);
    assert_string_equal(out, "");
    free(out);
    assert_int_equal(on_site(str_cstr(&site), "org list 2>&1", NULL, &out), 0);
    assert_non_null(strstr(out, "no organisations yet"));
    assert_non_null(strstr(out, "org add"));
    free(out);
    small_org_named(str_cstr(&site), "mini", "'Mini BV'", "FFFMM");
    small_org_named(str_cstr(&site), "schelde", "'De Schelde Voeding NV'", "FFMMM");
    assert_int_equal(on_site(str_cstr(&site), "report sector social-balance --year 2025", NULL,
                             &out), 0);
    assert_non_null(
        strstr(after(out, "\"organisation\": \"schelde\""), "\"organisation\": \"mini\""));
    free(out);
    assert_int_equal(on_site(str_cstr(&site), "report sector participation --year 2025 --by "
                             "gender", NULL, &out), 0);
    char *lines = org_lines(out);
    assert_string_equal(lines, "schelde 5\nmini 5\n");
    free(lines);
    free(out);
    assert_int_equal(on_site(str_cstr(&site), "report sector participation --year 2025 --by "
                             "gender --format csv", NULL, &out), 0);
    assert_non_null(strstr(after(out, "De Schelde Voeding NV,"), "Mini BV,"));
    free(out);
    assert_int_equal(on_site(str_cstr(&site), "report sector social-balance --year 2025 "
                             "--format csv", NULL, &out), 0);
    assert_non_null(strstr(after(out, "De Schelde Voeding NV,"), "Mini BV,"));
    free(out);
    str_clear(&cmd);
    str_printf(&cmd, "LANGUAGE=nl %s --pg '%s' report sector social-balance --year 2025 "
                     "--format html", groeipad_bin(), str_cstr(&site));
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, &out), 0);
    assert_non_null(strstr(out, "<title>Sectorcijfers: Sociale balans: opleiding 2025</title>"));
    free(out);
    assert_int_equal(on_site(str_cstr(&site), "report sector participation --year 2025 --by age "
                             "--format html", NULL, &out), 0);
    assert_non_null(strstr(out, "<title>Sector figures: Who takes part in learning 2025, "
                                "Age</title>"));
    free(out);
    /* one login is one, in each language */
    str_clear(&cmd);
    str_printf(&cmd, "%s --pg '%s' org add solo --name Solo >/dev/null && %s --pg '%s' --org solo "
                     "user add --login solo1 --role admin >/dev/null",
               groeipad_bin(), str_cstr(&site), groeipad_bin(), str_cstr(&site));
    assert_int_equal(run_shell(str_cstr(&cmd), "solo-password-1\n", NULL), 0);
    static const char *const said[][3] = {
        {"en", "with its 0 employees and all its data, and the role of its 1 login;", "1 logins"},
        {"nl", "met haar 0 medewerkers en al haar gegevens, en de rol van haar 1 login;",
         "1 logins"},
        {"fr", "le rôle de 1 identifiant\xc2\xa0" ";", "1 identifiants"}};
    for (size_t i = 0; i < sizeof said / sizeof *said; i++) {
        str_clear(&cmd);
        str_printf(&cmd, "LANGUAGE=%s %s --pg '%s' org remove solo 2>&1 </dev/null", said[i][0],
                   groeipad_bin(), str_cstr(&site));
        assert_int_equal(run_shell(str_cstr(&cmd), NULL, &out), 2);
        if (!strstr(out, said[i][1]) || strstr(out, said[i][2]))
            fail_msg("%s: %s", said[i][0], out);
        free(out);
    }
    /* an organisation the site does not have: status 3, as --org of one */
    str_clear(&cmd);
    str_printf(&cmd, "%s --pg '%s' org remove nosuchorg --yes 2>&1", groeipad_bin(),
               str_cstr(&site));
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, &out), 3);
    assert_non_null(strstr(out, "no organisation 'nosuchorg' on this site"));
    free(out);
    str_free(&site);
    str_free(&cmd);
}

static char *sector_participation(void)
{
    str cmd = STR_INIT;
    str_printf(&cmd, "%s --pg '%s' report sector participation --year 2025 --by gender",
               groeipad_bin(), test_pg());
    char *out;
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, &out), 0);
    str_free(&cmd);
    return out;
}

/* The sector report keeps what each organisation adds for the data version
 * it was computed at: the next report reads it (the same JSON), and any
 * change to the organisation's data makes it computed anew. */
static void test_sector_report_keeps_figures(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    const char *kept = test_path("sector-kept.db");
    const char *people = write_file(
        "sector-kept.csv",
        "employee_id,first_name,last_name,gender,birth_date,hire_date,department,function,"
        "category,contract,fte,education\n"
        "K1,An,A,F,1980-01-01,2020-01-01,Office,Clerk,white_collar,permanent,1,high\n"
        "K2,Bo,B,F,1981-01-01,2020-01-01,Office,Clerk,white_collar,permanent,1,high\n");
    char args[600];
    snprintf(args, sizeof args, "import employees %s >/dev/null", people);
    assert_int_equal(gp(kept, "init >/dev/null", NULL, NULL), 0);
    assert_int_equal(gp(kept, args, NULL, NULL), 0);
    char *first = sector_participation(), *again = sector_participation();
    assert_string_equal(first, again);
    free(again);
    /* Kept: rewrite the kept min_group (the line after the first) to 97,
     * under the same data version, and the report shows it. */
    store *db = test_store_open(kept);
    arena a = ARENA_INIT;
    const char *figures;
    assert_int_equal(sector_figures_get(db, 2025, DIM_GENDER, &a, &figures), STORE_ROW);
    const char *line = strchr(figures, '\n');
    assert_non_null(line);
    str forged = STR_INIT;
    str_append(&forged, figures, (size_t)(line + 1 - figures));
    str_puts(&forged, "97");
    str_puts(&forged, line + 1 + strcspn(line + 1, " "));
    assert_int_equal(sector_figures_put(db, 2025, DIM_GENDER, store_data_version(db),
                                        str_cstr(&forged)),
                     STORE_OK);
    char *read = sector_participation();
    assert_non_null(strstr(read, "\"min_group\": 97"));
    free(read);
    /* A change to the data: computed anew, the third person counted. */
    people = write_file(
        "sector-kept-more.csv",
        "employee_id,first_name,last_name,gender,birth_date,hire_date,department,function,"
        "category,contract,fte,education\n"
        "K3,Cy,C,M,1982-01-01,2020-01-01,Office,Clerk,white_collar,permanent,1,high\n");
    snprintf(args, sizeof args, "import employees %s >/dev/null", people);
    assert_int_equal(gp(kept, args, NULL, NULL), 0);
    char *after = sector_participation();
    assert_null(strstr(after, "\"min_group\": 97"));
    json_t *before_json = json_loads(first, 0, NULL), *after_json = json_loads(after, 0, NULL);
    assert_non_null(before_json);
    assert_non_null(after_json);
    json_int_t before_n = json_integer_value(json_object_get(
        json_object_get(json_object_get(before_json, "participation"), "overall"), "headcount"));
    json_int_t after_n = json_integer_value(json_object_get(
        json_object_get(json_object_get(after_json, "participation"), "overall"), "headcount"));
    assert_int_equal(after_n, before_n + 1);
    /* Unreadable kept figures are computed anew: the same report again. */
    assert_int_equal(sector_figures_put(db, 2025, DIM_GENDER, store_data_version(db), "nonsense"),
                     STORE_OK);
    char *mended = sector_participation();
    assert_string_equal(mended, after);
    free(mended);
    json_decref(before_json);
    json_decref(after_json);
    free(first);
    free(after);
    str_free(&forged);
    arena_free(&a);
    store_close(db);
}

/* The certification reminders of the demo's day reach the e-mail outbox,
 * in the recipient's language (Dutch in the demo). */
static void test_reminders_reach_the_outbox(void **state)
{
    (void)state;
    const char *db = test_path("cli-outbox.db");
    char *out;
    assert_int_equal(gp(db, "demo >/dev/null", NULL, NULL), 0);
    assert_int_equal(gp(db, "mail list", NULL, &out), 0);
    assert_non_null(strstr(out, "Attest "));
    assert_non_null(strstr(out, ": geldig tot "));
    free(out);
}

static void test_backup_and_restore(void **state)
{
    (void)state;
    char *out, args[512];
    const char *db = test_path("cli-backup.db"), *copy = test_path("cli-copy.db");
    const char *file = test_path("cli-backup.bak");
    assert_int_equal(gp(db, "demo >/dev/null", NULL, NULL), 0);
    snprintf(args, sizeof args, "backup %s", file);
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    struct stat st; /* its keys and tokens for its owner's eyes only */
    assert_int_equal(stat(file, &st), 0);
    assert_int_equal(st.st_mode & 077, 0);
    assert_true(st.st_size > 0);
    assert_int_equal(gp(db, args, NULL, NULL), 1); /* never over an existing file */
    assert_int_equal(gp(copy, "init >/dev/null", NULL, NULL), 0);
    /* A backup that would be refused is said before the confirmation is
     * asked for: on a site, one of another organisation. */
    snprintf(args, sizeof args, "restore %s 2>&1", file);
    assert_int_equal(gp(copy, args, NULL, &out), test_pg() ? 1 : 2); /* not confirmed */
    assert_non_null(strstr(out, test_pg() ? "the backup is of organisation" : "add --yes"));
    free(out);
    snprintf(args, sizeof args, "restore %s 2>&1", write_file("cli-not-a-backup.bak", "hello\n"));
    assert_int_equal(gp(copy, args, NULL, &out), 1);
    assert_non_null(strstr(out, test_pg() ? "not a groeipad backup" : "not a groeipad database"));
    assert_null(strstr(out, "add --yes"));
    free(out);
    /* On a site the backup names its organisation: another's goes in only
     * when asked for by name (a file has no other organisation). */
    snprintf(args, sizeof args, "restore %s --yes 2>&1", file);
    if (test_pg()) {
        assert_int_equal(gp(copy, args, NULL, &out), 1);
        assert_non_null(strstr(out, "the backup is of organisation"));
        assert_non_null(strstr(out, "--from-other-organisation"));
        free(out);
    }
    if (test_pg()) { /* a header line that is neither form is no backup */
        const char *odd = write_file("cli-odd.bak", "groeipad-pg-backup 1\n"
                                                    "schema 11 organisation\nend\n");
        snprintf(args, sizeof args, "restore %s --yes 2>&1", odd);
        assert_int_equal(gp(copy, args, NULL, &out), 1);
        assert_non_null(strstr(out, "not a groeipad backup"));
        free(out);
    }
    snprintf(args, sizeof args, "restore %s --yes --from-other-organisation", file);
    assert_int_equal(gp(copy, args, NULL, NULL), 0);
    snprintf(args, sizeof args, "restore %s --yes >/dev/null", file); /* into its own */
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    char *a, *b;
    assert_int_equal(gp(db, "report training-right --year 2025", NULL, &a), 0);
    assert_int_equal(gp(copy, "report training-right --year 2025", NULL, &b), 0);
    assert_string_equal(a, b);
    free(a);
    free(b);
    snprintf(args, sizeof args, "restore %s --yes 2>/dev/null", test_path("stdin.txt"));
    assert_int_equal(gp(copy, args, NULL, &out), 1);
    free(out);
}

/* Drops TABLE from the SQLite file PATH: a damaged database. */
static void drop_sqlite_table(const char *path, const char *table)
{
    sqlite3 *conn;
    assert_int_equal(sqlite3_open(path, &conn), SQLITE_OK);
    char sql[128];
    snprintf(sql, sizeof sql, "DROP TABLE %s", table);
    assert_int_equal(sqlite3_exec(conn, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(conn);
}

/* Drops TABLE from what DB stands for: the SQLite file, or its
 * organisation's schema on the test site. */
static void drop_table(const char *db, const char *table)
{
    if (!test_pg()) {
        drop_sqlite_table(db, table);
        return;
    }
    str cmd = STR_INIT;
    str_printf(&cmd, "psql '%s' -qc 'DROP TABLE org_%s.%s CASCADE' >/dev/null 2>&1", test_pg(),
               test_org(db), table);
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, NULL), 0);
    str_free(&cmd);
}

/* Copies the backup FROM to TO without TABLE: a PostgreSQL backup without
 * its section, a SQLite one without the table. */
static void backup_without(const char *from, const char *to, const char *table)
{
    str cmd = STR_INIT;
    if (test_pg())
        str_printf(&cmd, "awk '/^table /{skip=($2==\"%s\")} !skip' %s > %s", table, from, to);
    else
        str_printf(&cmd, "cp %s %s", from, to);
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, NULL), 0);
    str_free(&cmd);
    if (!test_pg())
        drop_sqlite_table(to, table);
}

/* The number of lines 'export employees' writes for DB. */
static int employee_lines(const char *db)
{
    char *out;
    assert_int_equal(gp(db, "export employees", NULL, &out), 0);
    int lines = 0;
    for (char *p = out; *p; p++)
        lines += *p == '\n';
    free(out);
    return lines;
}

/* A backup holds every table of its schema, or there is none: a restore
 * refuses a file that lacks one (status 1, nothing changed), and a backup of
 * a schema that lost a table fails (status 3) and leaves no file, as init
 * does. Before, all three went through, and a restore left an organisation
 * without its employees. An export of the lost table writes nothing. */
static void test_backup_with_a_table_missing(void **state)
{
    (void)state;
    char *out, args[512];
    const char *db = test_path("cli-lost.db"), *file = test_path("cli-lost.bak");
    const char *partial = test_path("cli-partial.bak"), *none = test_path("cli-none.bak");
    assert_int_equal(gp(db, "demo >/dev/null", NULL, NULL), 0);
    snprintf(args, sizeof args, "backup %s >/dev/null", file);
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    backup_without(file, partial, "employees");
    snprintf(args, sizeof args, "restore %s --yes 2>&1", partial);
    assert_int_equal(gp(db, args, NULL, &out), 1);
    assert_non_null(strstr(out, "lacks the table employees"));
    free(out);
    assert_int_equal(employee_lines(db), 120); /* header and 119 people, as before */
    drop_table(db, "mentor_assignments");
    /* init no longer says "up to date" of a schema that lost a table */
    assert_int_equal(gp(db, "init 2>&1", NULL, &out), 3);
    assert_non_null(strstr(out, "lacks its table mentor_assignments"));
    free(out);
    snprintf(args, sizeof args, "backup %s 2>&1", none);
    assert_int_equal(gp(db, args, NULL, &out), 3);
    assert_non_null(strstr(out, "mentor_assignments"));
    free(out);
    assert_int_not_equal(access(none, F_OK), 0);
    /* An export of the lost table writes nothing, not even its header, and
     * says why (before, the header came out and then status 3). */
    const char *formats[] = {"csv", "json", "xlsx"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(args, sizeof args, "export mentors --format %s 2>/dev/null", formats[i]);
        assert_int_equal(gp(db, args, NULL, &out), 3);
        assert_string_equal(out, "");
        free(out);
    }
    assert_int_equal(gp(db, "export mentors 2>&1 >/dev/null", NULL, &out), 3);
    assert_non_null(strstr(out, "mentor_assignments"));
    free(out);
}

/* Runs the shell command made of FMT (one %s: the backup FROM) and TO:
 * a copy of a backup changed by sed or awk. */
static void edit_backup(const char *fmt, const char *from, const char *to)
{
    str cmd = STR_INIT;
    str_printf(&cmd, fmt, from);
    str_printf(&cmd, " > %s", to);
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, NULL), 0);
    str_free(&cmd);
}

/* On a site, a backup made before an upgrade (an older schema) is restored
 * and brought up to date; one made by a newer groeipad is refused, and so
 * is one naming a table no organisation has (the users view: its rows are
 * the site's logins; a table of the system's catalogue), with nothing
 * changed. Before, the first was refused and the others went in. */
static void test_restore_older_and_odd_backups(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    char *out, *before, *after, args[600];
    const char *db = test_path("cli-older.db"), *file = test_path("cli-older.bak");
    const char *older = test_path("cli-older10.bak"), *newer = test_path("cli-newer.bak");
    const char *odd = test_path("cli-odd-table.bak");
    assert_int_equal(gp(db, "demo >/dev/null", NULL, NULL), 0);
    snprintf(args, sizeof args, "backup %s >/dev/null", file);
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    assert_int_equal(gp(db, "report training-right --year 2025", NULL, &before), 0);
    /* schema 10: before sector_figures (011), the public addresses, the
     * term to file of incentive_parameters (013, its last column) and
     * whether a reaction question is about the trainer (015, the last
     * column of eval_questions) */
    edit_backup("awk '/^table /{skip=($2==\"sector_figures\"); "
                "ip=($2==\"incentive_parameters\" || $2==\"eval_questions\")} "
                "ip && !/^table / && $0 != \"\\\\.\" {sub(/\\t[^\\t]*$/, \"\")} !skip' %s | "
                "sed '2s/^schema [0-9]*/schema 10/'", file, older);
    snprintf(args, sizeof args, "restore %s --yes >/dev/null", older);
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    assert_int_equal(gp(db, "report training-right --year 2025", NULL, &after), 0);
    assert_string_equal(before, after);
    free(after);
    assert_int_equal(employee_lines(db), 120);
    assert_int_equal(gp(db, "init 2>&1", NULL, &out), 0); /* complete, up to date */
    free(out);
    edit_backup("sed '2s/^schema [0-9]*/schema 99/' %s", file, newer);
    snprintf(args, sizeof args, "restore %s --yes 2>&1", newer);
    assert_int_equal(gp(db, args, NULL, &out), 1);
    assert_non_null(strstr(out, "newer groeipad"));
    free(out);
    const char *tables[] = {"users", "pg_description"};
    for (int i = 0; i < 2; i++) {
        char fmt[300];
        snprintf(fmt, sizeof fmt, "awk '/^end$/{print \"table %s\"; print \"1\\tx\"; "
                                  "print \"\\\\.\"} {print}' %%s", tables[i]);
        edit_backup(fmt, file, odd);
        snprintf(args, sizeof args, "restore %s --yes 2>&1", odd);
        assert_int_equal(gp(db, args, NULL, &out), 1);
        assert_non_null(strstr(out, "holds a table"));
        assert_non_null(strstr(out, tables[i]));
        free(out);
        remove(odd);
    }
    /* a row the database refuses: status 1 (the file is at fault), its
     * table and row named, nothing of the row said (a person's data) */
    const char *awk = write_file("cli-damage.awk",
                                 "/^table /{t=$2; n=0; print; next}\n"
                                 "t==\"employees\" && n==0 {n=1; sub(/^[^\\t]*/, \"Zelda\")}\n"
                                 "{print}\n");
    char fmt[300];
    snprintf(fmt, sizeof fmt, "awk -f %s %%s", awk);
    edit_backup(fmt, file, odd);
    snprintf(args, sizeof args, "restore %s --yes 2>&1", odd);
    assert_int_equal(gp(db, args, NULL, &out), 1);
    assert_non_null(strstr(out, "table employees is damaged at its row 1"));
    assert_null(strstr(out, "Zelda"));
    assert_null(strstr(out, "@")); /* no e-mail address of the row */
    free(out);
    remove(odd);
    assert_int_equal(gp(db, "report training-right --year 2025", NULL, &after), 0);
    assert_string_equal(before, after);
    free(after);
    free(before);
}

/* On a site, a backup holds who has which role in the organisation (the
 * site's registry keeps it): the way back after 'org remove' ('org add',
 * then 'restore') gives the site's logins their roles again, each in the
 * audit log. Before, nobody could log in to the organisation restored. */
static void test_restore_gives_back_the_roles(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    const char *db = test_path("cli-roles.db"), *file = test_path("cli-roles.bak");
    char *out, args[600];
    assert_int_equal(gp(db, "demo >/dev/null", NULL, NULL), 0);
    snprintf(args, sizeof args, "backup %s >/dev/null", file);
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    snprintf(args, sizeof args, "--pg '%s' org remove %s --yes >/dev/null && %s --pg '%s' org "
             "add %s --name Again >/dev/null", test_pg(), test_org(db), groeipad_bin(),
             test_pg(), test_org(db));
    assert_int_equal(gp_raw(args, NULL), 0);
    assert_int_not_equal(gp(db, "user token --login admin >/dev/null 2>&1", NULL, NULL), 0);
    snprintf(args, sizeof args, "restore %s --yes", file);
    assert_int_equal(gp(db, args, NULL, &out), 0);
    assert_non_null(strstr(out, "logins of the site have their role here again"));
    free(out);
    assert_int_equal(gp(db, "user token --login admin >/dev/null", NULL, NULL), 0);
    str cmd = STR_INIT;
    str_printf(&cmd, "psql '%s' -qAtc \"SELECT count(*) > 0 FROM org_%s.audit_log WHERE actor "
                     "= 'restore' AND action = 'grant' AND entity_key = 'admin'\"",
               test_pg(), test_org(db));
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, &out), 0);
    assert_string_equal(out, "t\n");
    free(out);
    /* over a living organisation the roles stay as they are now: one taken
     * away since the backup does not come back */
    str_clear(&cmd);
    str_printf(&cmd, "psql '%s' -qc \"DELETE FROM registry.memberships m USING "
                     "registry.accounts a WHERE a.id = m.account_id AND a.login = 'mentor' AND "
                     "m.org = '%s'\"", test_pg(), test_org(db));
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, NULL), 0);
    snprintf(args, sizeof args, "restore %s --yes", file);
    assert_int_equal(gp(db, args, NULL, &out), 0);
    assert_null(strstr(out, "role here again"));
    free(out);
    assert_int_not_equal(gp(db, "user token --login mentor >/dev/null 2>&1", NULL, NULL), 0);
    /* a logins section no backup writes (a login twice) is refused */
    const char *twice = test_path("cli-roles-twice.bak");
    str_clear(&cmd);
    str_printf(&cmd, "awk '/^logins$/{print; print \"admin\\tadmin\\t\\\\N\"; next} {print}' %s > %s",
               file, twice);
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, NULL), 0);
    snprintf(args, sizeof args, "restore %s --yes 2>&1", twice);
    assert_int_equal(gp(db, args, NULL, &out), 1);
    assert_non_null(strstr(out, "logins section is damaged"));
    free(out);
    str_free(&cmd);
}

/* A site's serve brings every organisation up to date before it serves
 * (before, only the registry: an organisation made by an older groeipad
 * answered 500 on the newer pages), and says so. */
static void test_site_serve_migrates_every_organisation(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    const char *db = test_path("cli-behind.db");
    assert_int_equal(gp(db, "init >/dev/null", NULL, NULL), 0);
    str cmd = STR_INIT;
    str_printf(&cmd, "psql '%s' -qc 'DROP TABLE org_%s.sector_figures' -c 'DELETE FROM "
                     "org_%s.schema_migrations WHERE version >= 11' >/dev/null",
               test_pg(), test_org(db), test_org(db));
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, NULL), 0);
    str_clear(&cmd);
    const char *err = test_path("cli-serve.err");
    str_printf(&cmd, "%s --pg '%s' serve --port 0 --bind 127.0.0.1 2>%s & p=$!; "
                     "for i in $(seq 100); do grep -q serving %s && break; sleep 0.1; done; "
                     "kill $p; wait $p; cat %s",
               groeipad_bin(), test_pg(), err, err, err);
    char *out;
    run_shell(str_cstr(&cmd), NULL, &out);
    assert_non_null(strstr(out, "brought up to date: "));
    assert_non_null(strstr(out, "serving"));
    /* organisations whose badges would name localhost are counted at the start */
    assert_non_null(strstr(out, "without a public_url, so their badges name http://localhost:8080"));
    free(out);
    /* not when serve is told the address people reach the site at */
    str_clear(&cmd);
    str_printf(&cmd, "%s --pg '%s' serve --port 0 --bind 127.0.0.1 --public-url "
                     "https://opleiding.example.be/ 2>%s & p=$!; "
                     "for i in $(seq 100); do grep -q serving %s && break; sleep 0.1; done; "
                     "kill $p; wait $p; cat %s",
               groeipad_bin(), test_pg(), err, err, err);
    run_shell(str_cstr(&cmd), NULL, &out);
    assert_non_null(strstr(out, "serving"));
    assert_null(strstr(out, "without a public_url"));
    free(out);
    str_clear(&cmd);
    str_printf(&cmd, "psql '%s' -qAtc \"SELECT to_regclass('org_%s.sector_figures') IS NOT NULL, "
                     "(SELECT max(version) FROM org_%s.schema_migrations) >= 11\"",
               test_pg(), test_org(db), test_org(db));
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, &out), 0);
    assert_string_equal(out, "t|t\n");
    free(out);
    /* one a newer groeipad migrated: serve stops, saying so */
    str_clear(&cmd);
    str_printf(&cmd, "psql '%s' -qc \"INSERT INTO org_%s.schema_migrations VALUES (999, "
                     "'999_future.sql', '2030-01-01')\" >/dev/null && %s --pg '%s' serve --port "
                     "0 --bind 127.0.0.1 2>&1; echo \"rc=$?\"; psql '%s' -qc \"DELETE FROM "
                     "org_%s.schema_migrations WHERE version = 999\" >/dev/null",
               test_pg(), test_org(db), groeipad_bin(), test_pg(), test_pg(), test_org(db));
    run_shell(str_cstr(&cmd), NULL, &out);
    assert_non_null(strstr(out, "migrated by a newer groeipad"));
    assert_non_null(strstr(out, "rc=3"));
    assert_null(strstr(out, "serving"));
    free(out);
    str_free(&cmd);
}

/* A restore while pages are served: a reader holds the people while the
 * restore empties the tables (the learning first), then asks for the
 * learning the restore holds.
 * The server ends the restore's transaction to end that deadlock (the
 * restore waits a shorter deadlock_timeout, so it is the one ended); the
 * restore runs again and succeeds. Before, it failed with status 3. */
static void test_restore_meets_a_deadlock(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    const char *db = test_path("cli-deadlock.db"), *file = test_path("cli-deadlock.bak");
    char args[300], *out;
    assert_int_equal(gp(db, "demo >/dev/null", NULL, NULL), 0);
    snprintf(args, sizeof args, "backup %s >/dev/null", file);
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    str cmd = STR_INIT;
    str_printf(&cmd, "psql '%s' -qAt -c \"BEGIN; SET LOCAL deadlock_timeout = '20s'; SELECT "
                     "count(*) FROM org_%s.employees; SELECT pg_sleep(1); SELECT "
                     "count(*) FROM org_%s.learning_records; COMMIT\" >/dev/null 2>&1 & sleep 0.3; "
                     "PGOPTIONS='-c deadlock_timeout=3s' %s --pg '%s' --org %s restore %s "
                     "--yes 2>&1; echo \"rc=$?\"; wait",
               test_pg(), test_org(db), test_org(db), groeipad_bin(), test_pg(), test_org(db),
               file);
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, &out), 0);
    assert_non_null(strstr(out, "restored from"));
    assert_non_null(strstr(out, "rc=0"));
    free(out);
    str_free(&cmd);
}

/* An organisation that lost a table before migration 012 (which reads
 * badges and calendar_feeds) is still brought up to date, and a restore
 * makes the table again. Before, 012 failed and so did every command,
 * restore too. */
static void test_lost_table_before_a_migration(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    const char *db = test_path("cli-lost12.db"), *file = test_path("cli-lost12.bak");
    char args[300];
    assert_int_equal(gp(db, "demo >/dev/null", NULL, NULL), 0);
    snprintf(args, sizeof args, "backup %s >/dev/null", file);
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    str cmd = STR_INIT;
    str_printf(&cmd, "psql '%s' -qc 'DROP TABLE org_%s.calendar_feeds' -c 'DELETE FROM "
                     "org_%s.schema_migrations WHERE version = 12' >/dev/null",
               test_pg(), test_org(db), test_org(db));
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, NULL), 0);
    str_free(&cmd);
    snprintf(args, sizeof args, "restore %s --yes >/dev/null", file);
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    assert_int_equal(gp(db, "init >/dev/null", NULL, NULL), 0); /* complete again */
}

/* Runs SQL (no double quotes) on what DB stands for: the SQLite file, or
 * its organisation's schema on the test site. */
static void run_sql_on(const char *db, const char *sql)
{
    if (!test_pg()) {
        sqlite3 *conn;
        assert_int_equal(sqlite3_open(db, &conn), SQLITE_OK);
        assert_int_equal(sqlite3_exec(conn, sql, NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(conn);
        return;
    }
    str cmd = STR_INIT;
    str_printf(&cmd, "psql '%s' -qc \"SET search_path TO org_%s; %s\" >/dev/null", test_pg(),
               test_org(db), sql);
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, NULL), 0);
    str_free(&cmd);
}

/* A database a newer groeipad brought to a schema this one does not know
 * is left alone: status 3 and a message saying so, on both backends
 * (before, it was used as it was). */
static void test_newer_schema_is_left_alone(void **state)
{
    (void)state;
    const char *db = test_path("cli-newer.db");
    char *out;
    assert_int_equal(gp(db, "init >/dev/null", NULL, NULL), 0);
    run_sql_on(db, "INSERT INTO schema_migrations(version, name, applied_at) VALUES "
                   "(999, '999_future.sql', '2030-01-01')");
    assert_int_equal(gp(db, "export employees 2>&1", NULL, &out), 3);
    assert_non_null(strstr(out, "at schema 999, brought there by a newer groeipad"));
    free(out);
    run_sql_on(db, "DELETE FROM schema_migrations WHERE version = 999");
    assert_int_equal(gp(db, "export employees >/dev/null", NULL, NULL), 0);
    if (test_pg())
        return; /* a site's backup says its schema in its header: test_restore_older_... */
    /* a SQLite backup of a newer groeipad: refused before it replaces */
    const char *newer = test_path("cli-newer.bak");
    char args[300];
    snprintf(args, sizeof args, "backup %s >/dev/null", newer);
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    run_sql_on(newer, "INSERT INTO schema_migrations(version, name, applied_at) VALUES "
                      "(999, '999_future.sql', '2030-01-01')");
    snprintf(args, sizeof args, "restore %s --yes 2>&1", newer);
    assert_int_equal(gp(db, args, NULL, &out), 1);
    assert_non_null(strstr(out, "newer groeipad"));
    free(out);
    assert_int_equal(gp(db, "export employees >/dev/null", NULL, NULL), 0);
}

/* Two imports of employees at once into a new organisation both succeed,
 * the second after the first: on PostgreSQL they deadlocked in three runs
 * of four (each bulk load rebuilds the departments' indexes). Four rounds,
 * each into an organisation of its own. */
static void test_imports_at_once(void **state)
{
    (void)state;
    str csv = STR_INIT, cmd = STR_INIT;
    str_puts(&csv, "employee_id,first_name,last_name,gender,birth_date,hire_date,department,"
                   "function,category,contract,fte,education\n");
    for (int i = 0; i < 200; i++)
        str_printf(&csv, "P%d,An,B,F,1980-01-01,2020-01-01,Dept%d,Clerk,white_collar,"
                         "permanent,1,high\n", i, i % 7);
    const char *file = write_file("cli-race.csv", str_cstr(&csv));
    for (int round = 0; round < 4; round++) {
        char name[32];
        snprintf(name, sizeof name, "cli-race%d.db", round);
        const char *db = test_path(name);
        assert_int_equal(gp(db, "init >/dev/null", NULL, NULL), 0);
        str_clear(&cmd);
        if (test_pg())
            str_printf(&cmd, "%s --pg '%s' --org %s", groeipad_bin(), test_pg(), test_org(db));
        else
            str_printf(&cmd, "%s --db %s", groeipad_bin(), db);
        str run = STR_INIT;
        str_printf(&run, "%s import employees %s >/dev/null & first=$!; %s import employees %s "
                         ">/dev/null; second=$?; wait $first; exit $(( $? * 10 + second ))",
                   str_cstr(&cmd), file, str_cstr(&cmd), file);
        assert_int_equal(run_shell(str_cstr(&run), NULL, NULL), 0);
        str_free(&run);
        assert_int_equal(employee_lines(db), 201);
    }
    str_free(&csv);
    str_free(&cmd);
}

/* The demo places people relative to "today": it must build on every day of
 * a leap year and on the days it once failed (2026-01-15, 03-01, 06-01,
 * 11-29), and each day's demo must carry its reports. */
static void demo_on(date_t today)
{
    store *db;
    str err = STR_INIT;
    int applied;
    char label[DATE_TEXT_SIZE];
    date_format(today, label);
    assert_int_equal(store_open(":memory:", &db, &err), STORE_OK);
    assert_int_equal(store_migrate(db, &applied), STORE_OK);
    if (demo_fill(db, today, &err) != STORE_OK)
        fail_msg("demo on %s: %s", label, str_cstr(&err));
    assert_int_equal(employees_count(db), 119);
    arena a = ARENA_INIT;
    report_query q = {.kind = REPORT_TRAINING_RIGHT, .year = date_year(today),
                      .role = ROLE_ADMIN, .want = REPORT_JSON};
    report_output out;
    if (report_build(db, &a, &q, &out, &err) != REPORT_OK)
        fail_msg("training right on %s: %s", label, str_cstr(&err));
    assert_non_null(strstr(str_cstr(&out.json), "\"E119\""));
    str_free(&out.json);
    arena_free(&a);
    str_free(&err);
    store_close(db);
}

static void test_demo_every_day(void **state)
{
    (void)state;
    if (test_pg())
        skip(); /* in SQLite's memory on either backend: once is enough */
    assert_true(crypto_start());
    for (date_t d = date_from_ymd(2028, 1, 1); d <= date_from_ymd(2028, 12, 31); d++)
        demo_on(d);
    demo_on(date_from_ymd(2026, 1, 15));
    demo_on(date_from_ymd(2026, 3, 1));
    demo_on(date_from_ymd(2026, 6, 1));
    demo_on(date_from_ymd(2026, 11, 29));
}

/* serve on a port another program holds says so in one line, names the
 * port (not "port 0", as libmicrohttpd did) and never claims to serve; with
 * --port 0 it names the port the system gave it. */
static void test_serve_names_its_port(void **state)
{
    (void)state;
    const char *db = test_path("cli-port.db");
    assert_int_equal(gp(db, "init >/dev/null", NULL, NULL), 0);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(fd, 1), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    char args[96], words[64];
    snprintf(args, sizeof args, "serve --port %d --bind 127.0.0.1 2>&1", ntohs(a.sin_port));
    snprintf(words, sizeof words, "port %d on 127.0.0.1 is in use", ntohs(a.sin_port));
    char *out;
    assert_int_equal(gp(db, args, NULL, &out), 3);
    assert_non_null(strstr(out, words));
    assert_null(strstr(out, "serving"));
    assert_null(strstr(out, "port 0"));
    free(out);
    close(fd);

    str tail = STR_INIT;
    const char *err = test_path("cli-port.err");
    str_printf(&tail, "serve --port 0 --bind 127.0.0.1 2>%s & p=$!; "
                      "for i in $(seq 100); do grep -q serving %s && break; sleep 0.1; done; "
                      "kill $p; wait $p; cat %s",
               err, err, err);
    gp(db, str_cstr(&tail), NULL, &out);
    str_free(&tail);
    const char *at = strstr(out, "http://127.0.0.1:");
    assert_non_null(at);
    assert_true(atoi(at + strlen("http://127.0.0.1:")) > 0);
    free(out);
}

/* Each demo login's kept hash (demo.c) opens with its password, made with
 * the parameters every other hash is made with: a mistyped one would make a
 * demo whose login fails while `demo` says it works. */
static void test_demo_hashes_open(void **state)
{
    (void)state;
    if (test_pg())
        skip(); /* no database: once is enough */
    assert_true(crypto_start());
    char fresh[256];
    assert_true(password_hash("any", fresh, sizeof fresh));
    const char *salt_at = strchr(strstr(fresh, "$m="), '$');
    for (const demo_login *l = demo_logins;; l++) {
        if (!l->login)
            l = &demo_newcomer;
        const char *hash = demo_hash(l->password);
        if (!hash || !password_verify(hash, l->password))
            fail_msg("the demo hash of %s does not open with %s", l->login, l->password);
        /* "$argon2id$v=19$m=65536,t=2,p=1$": the same up to the salt */
        assert_int_equal(strncmp(hash, fresh, (size_t)(salt_at - fresh)), 0);
        if (l == &demo_newcomer)
            break;
    }
    assert_null(demo_hash("not-a-demo-password"));
}

/* A database in a folder that does not exist is said in the user's language
 * (SQLite's "unable to open database file" said neither which nor why). */
static void test_database_folder_missing(void **state)
{
    (void)state;
    if (test_pg())
        skip(); /* a file's folder */
    char *out;
    str cmd = STR_INIT;
    str_printf(&cmd, "LANGUAGE=fr %s --db %s init 2>&1", groeipad_bin(),
               test_path("no-such-folder/x.db"));
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, &out), 3);
    assert_non_null(strstr(out, "no-such-folder n'existe pas"));
    assert_null(strstr(out, "unable to open"));
    free(out);
    /* a folder, or a file that is no database (a CSV), given as --db */
    str_clear(&cmd);
    str_printf(&cmd, "LANGUAGE=nl %s --db %s settings 2>&1", groeipad_bin(), test_path(""));
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, &out), 3);
    assert_non_null(strstr(out, " is een map: geef het databankbestand, zoals "));
    free(out);
    const char *csv = write_file("people.csv", "employee_id,first_name\nE1,An\n");
    str_clear(&cmd);
    str_printf(&cmd, "LANGUAGE=nl %s --db %s settings 2>&1", groeipad_bin(), csv);
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, &out), 3);
    assert_non_null(strstr(out, "people.csv is geen groeipad-databank (geen SQLite-bestand)"));
    free(out);
    /* a backup into a folder that is not there: bad input, said so */
    const char *db = test_path("folder-backup.db");
    assert_int_equal(gp(db, "init >/dev/null", NULL, NULL), 0);
    str_clear(&cmd);
    str_printf(&cmd, "backup %s", test_path("no-such-folder/b.db"));
    assert_int_equal(gp_in("LANGUAGE=nl", db, str_cstr(&cmd), NULL, &out), 1);
    assert_non_null(strstr(out, "no-such-folder bestaat niet"));
    free(out);
    str_free(&cmd);
}

/* store_end commits the work that went well and rolls back the rest,
 * returning the work's own status. */
static void test_store_end(void **state)
{
    (void)state;
    store *db;
    str err = STR_INIT, v = STR_INIT;
    int applied;
    assert_int_equal(store_open(":memory:", &db, &err), STORE_OK);
    assert_int_equal(store_migrate(db, &applied), STORE_OK);
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(settings_set(db, "test", "name", "Rolled back"), STORE_OK);
    assert_int_equal(store_end(db, STORE_CONSTRAINT), STORE_CONSTRAINT);
    assert_int_equal(settings_get(db, "name", &v), STORE_DONE);
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(settings_set(db, "test", "name", "Kept"), STORE_OK);
    assert_int_equal(store_end(db, STORE_OK), STORE_OK);
    assert_int_equal(settings_get(db, "name", &v), STORE_ROW);
    assert_string_equal(str_cstr(&v), "Kept");
    assert_int_equal(store_begin(db), STORE_OK); /* no transaction was left open */
    assert_int_equal(store_end(db, STORE_OK), STORE_OK);
    str_free(&v);
    str_free(&err);
    store_close(db);
}

/* Runs SQL (no double quotes) on the site's registry (PostgreSQL only). */
static void run_sql_on_registry(const char *sql)
{
    str cmd = STR_INIT;
    str_printf(&cmd, "psql '%s' -qc \"SET search_path TO registry; %s\" >/dev/null",
               test_pg(), sql);
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, NULL), 0);
    str_free(&cmd);
}

/* One login per employee is the database's rule too (sqlite/014,
 * registry/004): a second link written past the code's check is refused,
 * and one an older database already held is undone by the migration, the
 * oldest login keeping the employee and an audit line naming the other. */
static void test_one_login_per_employee_in_the_database(void **state)
{
    (void)state;
    const char *db = test_path("cli-onelogin.db");
    assert_int_equal(gp(db, "demo >/dev/null", NULL, NULL), 0);
    assert_int_equal(gp(db, "user add --login first5 --role employee --employee E005 >/dev/null",
                        "long-enough\n", NULL), 0);
    assert_int_equal(gp(db, "user add --login later5 --role manager >/dev/null",
                        "long-enough\n", NULL), 0);
    /* written straight into the table, past users_add's check: refused */
    store *s = test_store_open(db);
    assert_int_equal(store_begin(s), STORE_OK);
    stmt *st = store_prepare(s, "UPDATE users SET employee_id = (SELECT id FROM employees "
                                "WHERE employee_id = 'E005') WHERE login = 'later5'");
    assert_non_null(st);
    assert_int_equal(stmt_exec(st), STORE_CONSTRAINT);
    assert_int_equal(store_end(s, STORE_CONSTRAINT), STORE_CONSTRAINT);
    store_close(s);
    /* a database from before the index, holding the employee twice */
    if (test_pg()) {
        str sql = STR_INIT;
        str_printf(&sql, "DROP INDEX memberships_one_per_employee; UPDATE memberships SET "
                         "employee = 'E005' WHERE org = '%s' AND account_id = (SELECT id FROM "
                         "accounts WHERE login = 'later5'); DELETE FROM schema_migrations "
                         "WHERE version = 4", test_org(db));
        run_sql_on_registry(str_cstr(&sql));
        str_free(&sql);
    } else {
        run_sql_on(db, "DROP INDEX users_one_per_employee; UPDATE users SET employee_id = "
                       "(SELECT id FROM employees WHERE employee_id = 'E005') WHERE login = "
                       "'later5'; DELETE FROM schema_migrations WHERE version = 14");
    }
    assert_int_equal(gp(db, "init >/dev/null", NULL, NULL), 0);
    s = test_store_open(db);
    assert_int_equal(store_int_by_text(s, "SELECT count(*) FROM users u JOIN employees e ON "
                                          "e.id = u.employee_id WHERE e.employee_id = ?", "E005"),
                     1);
    assert_int_equal(store_int_by_text(s, "SELECT count(*) FROM users u JOIN employees e ON "
                                          "e.id = u.employee_id WHERE u.login = ?", "first5"),
                     1);
    assert_int_equal(store_int_by_text(s, "SELECT count(*) FROM users WHERE login = ? AND "
                                          "role = 'manager' AND employee_id IS NULL", "later5"),
                     1);
    st = store_prepare(s, "SELECT actor, action, before, after FROM audit_log WHERE "
                          "entity = 'user' AND entity_key = 'later5' ORDER BY id DESC LIMIT 1");
    assert_non_null(st);
    assert_int_equal(stmt_step(st), STORE_ROW);
    assert_string_equal(stmt_text(st, 0), "migration");
    assert_string_equal(stmt_text(st, 1), "unlink");
    assert_non_null(strstr(stmt_text(st, 2), "E005"));
    assert_non_null(strstr(stmt_text(st, 3), "first5"));
    stmt_done(st);
    store_close(s);
    /* and the index is back: a second link is refused again */
    char *out;
    assert_int_equal(gp(db, "user add --login again5 --role employee --employee E005 2>&1",
                        "long-enough\n", &out), 1);
    assert_non_null(strstr(out, "employee E005 already has the login 'first5'"));
    free(out);
}

/* Two additions of a login for one employee at once: the second, whose
 * check ran before the first committed, is refused by the database and
 * says who has the employee, as the check does (before, on PostgreSQL both
 * were added). */
static void test_one_login_per_employee_at_once(void **state)
{
    (void)state;
    const char *db = test_path("cli-onelogin-race.db");
    assert_int_equal(gp(db, "demo >/dev/null", NULL, NULL), 0);
    char hash[256];
    assert_true(password_hash("long-enough", hash, sizeof hash));
    store *s = test_store_open(db);
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(users_add(s, "test", "racer1", hash, ROLE_EMPLOYEE, "E006"), STORE_OK);
    /* the other one starts while this transaction is open */
    const char *pw = write_file("race-password", "long-enough\n");
    const char *out_file = test_path("race-out"), *rc_file = test_path("race-rc");
    unlink(rc_file);
    str cmd = STR_INIT;
    if (test_pg())
        str_printf(&cmd, "(%s --pg '%s' --org %s", groeipad_bin(), test_pg(), test_org(db));
    else
        str_printf(&cmd, "(%s --db %s", groeipad_bin(), db);
    str_printf(&cmd, " user add --login racer2 --role employee --employee E006 <%s >%s 2>&1; "
                     "echo $? >%s.tmp; mv %s.tmp %s) </dev/null >/dev/null 2>&1 &",
               pw, out_file, rc_file, rc_file, rc_file);
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, NULL), 0);
    str_free(&cmd);
    if (test_pg()) {
        /* until the other one waits for this transaction (its check ran):
         * the race is then sure to be met, however slow the machine */
        stmt *me = store_prepare(s, "SELECT pg_backend_pid()");
        assert_non_null(me);
        assert_int_equal(stmt_step(me), STORE_ROW);
        long long pid = (long long)stmt_int(me, 0);
        stmt_done(me);
        str wait = STR_INIT;
        str_printf(&wait, "for i in $(seq 300); do n=$(psql -X '%s' -Atc \"SELECT count(*) "
                          "FROM pg_stat_activity WHERE %lld = ANY(pg_blocking_pids(pid))\" "
                          "2>/dev/null); [ \"${n:-0}\" -gt 0 ] && exit 0; sleep 0.1; done; exit 1",
                   test_pg(), pid);
        assert_int_equal(run_shell(str_cstr(&wait), NULL, NULL), 0);
        str_free(&wait);
    } else {
        sleep(2); /* SQLite shows no waiter: time for its check to run */
    }
    assert_int_equal(store_end(s, STORE_OK), STORE_OK);
    FILE *f = NULL;
    for (int i = 0; i < 300 && !(f = fopen(rc_file, "r")); i++)
        usleep(100000);
    assert_non_null(f);
    int rc = -1;
    assert_int_equal(fscanf(f, "%d", &rc), 1);
    fclose(f);
    char out[2048] = "";
    f = fopen(out_file, "r");
    assert_non_null(f);
    size_t n = fread(out, 1, sizeof out - 1, f);
    out[n] = '\0';
    fclose(f);
    assert_int_equal(rc, 1);
    assert_non_null(strstr(out, "employee E006 already has the login 'racer1'"));
    assert_int_equal(store_int_by_text(s, "SELECT count(*) FROM users WHERE login = ?", "racer2"),
                     0);
    store_close(s);
}

/* The usage of org, mail and incentives after a mistake goes where every
 * command's goes: on stderr, with status 2, nothing on stdout (before, they
 * printed it on stdout); asked for with --help, on stdout with status 0. */
static void test_usage_errors_on_stderr(void **state)
{
    (void)state;
    const char *db = test_path("cli-usage-stderr.db");
    assert_int_equal(gp(db, "init >/dev/null", NULL, NULL), 0);
    static const char *const mistakes[] = {"org", "mail", "incentives", "incentives bogus",
                                           "incentives figures", "user", "report"};
    for (size_t i = 0; i < sizeof mistakes / sizeof *mistakes; i++) {
        char args[128], *out;
        snprintf(args, sizeof args, "%s 2>/dev/null", mistakes[i]);
        assert_int_equal(gp(db, args, NULL, &out), 2);
        if (*out)
            fail_msg("%s: on stdout: %s", mistakes[i], out);
        free(out);
        snprintf(args, sizeof args, "%s 2>&1 >/dev/null", mistakes[i]);
        assert_int_equal(gp(db, args, NULL, &out), 2);
        if (!*out)
            fail_msg("%s: nothing on stderr", mistakes[i]);
        free(out);
    }
    static const char *const helps[] = {"org", "mail", "incentives"};
    for (size_t i = 0; i < sizeof helps / sizeof *helps; i++) {
        char args[128], *out;
        snprintf(args, sizeof args, "%s --help 2>/dev/null", helps[i]);
        assert_int_equal(gp(db, args, NULL, &out), 0);
        assert_non_null(strstr(out, "groeipad"));
        free(out);
    }
}

/* The columns of the first N bytes of the UTF-8 text LINE. */
static size_t columns(const char *line, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n && line[i]; i++)
        c += ((unsigned char)line[i] & 0xc0) != 0x80;
    return c;
}

/* The lines of the syntax block of a command's --help (up to the first
 * empty line), at most MAX, into LINES (pointers into TEXT, which is cut). */
static size_t syntax_lines(char *text, char **lines, size_t max)
{
    size_t n = 0;
    for (char *p = text; p && *p && *p != '\n' && n < max;) {
        lines[n++] = p;
        char *nl = strchr(p, '\n');
        if (nl)
            *nl++ = '\0';
        p = nl;
    }
    return n;
}

/* Every command's usage lines stay under each other in Dutch and French as
 * in English: the word "usage:" is wider there ("gebruik:", "utilisation :"),
 * and the further lines, indented for the English word, were two and seven
 * columns to the left of the first. In English, serve's and the sector
 * reports' further lines stood a few columns off too. */
static void test_usage_lines_stay_aligned(void **state)
{
    (void)state;
    const char *db = test_path("cli-usage-aligned.db");
    assert_int_equal(gp(db, "init >/dev/null", NULL, NULL), 0);
    static const char *const commands[] = {"serve", "user", "import", "export", "report",
                                           "incentives", "restore", "org", "mail", "backup"};
    static const char *const langs[] = {"LANG=nl_BE.UTF-8", "LANG=fr_BE.UTF-8"};
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        char args[64], *en, *lines_en[24];
        snprintf(args, sizeof args, "%s --help", commands[i]);
        assert_int_equal(gp_in("LANG=en_US.UTF-8", db, args, NULL, &en), 0);
        size_t n = syntax_lines(en, lines_en, 24);
        assert_true(n >= 1);
        size_t g_en = columns(lines_en[0], (size_t)(strstr(lines_en[0], "groeipad") - lines_en[0]));
        for (size_t l = 0; l < sizeof langs / sizeof *langs; l++) {
            char *out, *lines[24];
            assert_int_equal(gp_in(langs[l], db, args, NULL, &out), 0);
            assert_int_equal(syntax_lines(out, lines, 24), n);
            const char *g = strstr(lines[0], "groeipad");
            assert_non_null(g);
            size_t g_at = columns(lines[0], (size_t)(g - lines[0]));
            assert_true(g_at > g_en); /* the word is wider than "usage:" */
            for (size_t k = 1; k < n; k++) {
                size_t indent = strspn(lines[k], " "), indent_en = strspn(lines_en[k], " ");
                if (indent - g_at != indent_en - g_en)
                    fail_msg("%s, %s, line %zu: at column %zu, not %zu:\n%s\n%s", langs[l],
                             commands[i], k + 1, indent, indent_en - g_en + g_at, lines[0],
                             lines[k]);
            }
            free(out);
        }
        free(en);
    }
    /* serve's options and the sector reports' stand under their first one */
    char *out, *lines[24];
    assert_int_equal(gp_in("LANG=en_US.UTF-8", db, "serve --help", NULL, &out), 0);
    assert_true(syntax_lines(out, lines, 24) == 3);
    assert_int_equal(strspn(lines[1], " "), strstr(lines[0], "[--port") - lines[0]);
    assert_int_equal(strspn(lines[2], " "), strstr(lines[0], "[--port") - lines[0]);
    free(out);
    assert_int_equal(gp_in("LANG=en_US.UTF-8", db, "report --help", NULL, &out), 0);
    size_t n = syntax_lines(out, lines, 24);
    for (size_t k = 1; k + 1 < n; k++)
        if (strstr(lines[k], "report sector "))
            assert_int_equal(strspn(lines[k + 1], " "),
                             strstr(lines[k], "sector ") + strlen("sector ") - lines[k]);
    free(out);
}

/* On a site, a backup from before one login per employee (registry/004)
 * may link two of its logins to one employee: the restore gives the
 * employee to the oldest login only, instead of linking both (before the
 * index) or failing on the index. */
static void test_restore_keeps_one_login_per_employee(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    const char *db = test_path("cli-roles-dup.db"), *file = test_path("cli-roles-dup.bak");
    const char *dup = test_path("cli-roles-dup2.bak");
    char *out, args[600];
    assert_int_equal(gp(db, "demo >/dev/null", NULL, NULL), 0);
    snprintf(args, sizeof args, "backup %s >/dev/null", file);
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    /* the demo's manager (E001) linked to the demo's employee, E010, too */
    str cmd = STR_INIT;
    str_printf(&cmd, "awk '/^logins$/{inl=1} inl && $1 == \"manager\" {$0 = "
                     "\"manager\\tmanager\\tE010\"} {print}' %s > %s && grep -c E010 %s",
               file, dup, dup);
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, NULL), 0);
    snprintf(args, sizeof args, "--pg '%s' org remove %s --yes >/dev/null && %s --pg '%s' org "
             "add %s --name Again >/dev/null", test_pg(), test_org(db), groeipad_bin(),
             test_pg(), test_org(db));
    assert_int_equal(gp_raw(args, NULL), 0);
    snprintf(args, sizeof args, "restore %s --yes 2>&1", dup);
    assert_int_equal(gp(db, args, NULL, &out), 0);
    free(out);
    str_clear(&cmd);
    str_printf(&cmd, "psql '%s' -qAtc \"SELECT string_agg(a.login, ',' ORDER BY a.login) FROM "
                     "registry.memberships m JOIN registry.accounts a ON a.id = m.account_id "
                     "WHERE m.org = '%s' AND m.employee = 'E010'\"", test_pg(), test_org(db));
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, &out), 0);
    assert_string_equal(out, "manager\n"); /* the older of the two logins */
    free(out);
    assert_int_equal(gp(db, "user token --login employee >/dev/null", NULL, NULL), 0);
    str_free(&cmd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_usage_and_help),   cmocka_unit_test(test_init_and_missing_database),
        cmocka_unit_test(test_site_and_its_organisations),
        cmocka_unit_test(test_reports_equal_on_both_backends),
        cmocka_unit_test(test_reports_read_only_what_they_use),
        cmocka_unit_test(test_sector_report),
        cmocka_unit_test(test_sector_report_keeps_figures),
        cmocka_unit_test(test_sector_report_nothing_by_subtraction),
        cmocka_unit_test(test_sector_report_of_a_small_site),
        cmocka_unit_test(test_site_words),
        cmocka_unit_test(test_reminders_reach_the_outbox),
        cmocka_unit_test(test_a_role_that_only_reads),
        cmocka_unit_test(test_demo_only_once),   cmocka_unit_test(test_users_and_tokens),
        cmocka_unit_test(test_user_role_and_remove),
        cmocka_unit_test(test_settings),
        cmocka_unit_test(test_import_counts_each_in_its_plural),
        cmocka_unit_test(test_import_names_the_words_people_type),
        cmocka_unit_test(test_cli_speaks_the_environments_language),
        cmocka_unit_test(test_mistakes_get_a_guess),
        cmocka_unit_test(test_export),
        cmocka_unit_test(test_backup_and_restore), cmocka_unit_test(test_demo_every_day),
        cmocka_unit_test(test_backup_with_a_table_missing),
        cmocka_unit_test(test_restore_older_and_odd_backups),
        cmocka_unit_test(test_site_serve_migrates_every_organisation),
        cmocka_unit_test(test_restore_gives_back_the_roles),
        cmocka_unit_test(test_restore_keeps_one_login_per_employee),
        cmocka_unit_test(test_lost_table_before_a_migration),
        cmocka_unit_test(test_restore_meets_a_deadlock),
        cmocka_unit_test(test_newer_schema_is_left_alone),
        cmocka_unit_test(test_imports_at_once),
        cmocka_unit_test(test_passwords_never_shown),
        cmocka_unit_test(test_options_that_clash),
        cmocka_unit_test(test_org_names),
        cmocka_unit_test(test_store_end),
        cmocka_unit_test(test_one_login_per_employee_in_the_database),
        cmocka_unit_test(test_one_login_per_employee_at_once),
        cmocka_unit_test(test_usage_errors_on_stderr),
        cmocka_unit_test(test_usage_lines_stay_aligned),
        cmocka_unit_test(test_serve_names_its_port),
        cmocka_unit_test(test_demo_hashes_open),
        cmocka_unit_test(test_database_folder_missing),
    };
    return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
