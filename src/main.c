/* main.c - groeipad [--db PATH | --pg URL] <command> ... */
#include "cli/cli.h"
#include "util/crypto.h"
#include "util/i18n.h"
#include "util/text.h"
#include <malloc.h>
#include <stdio.h>
#include <string.h>

/* One line of the usage: the command's syntax (never translated), what it
 * does (a msgid, translated when printed, or NULL) and whether that goes on
 * the next line. */
typedef struct usage_line {
    const char *syntax, *about;
    bool below;
} usage_line;

static const usage_line usage_lines[] = {
    {"init", N_("create or migrate the database")},
    {"demo", N_("fill an empty database with a demo organisation")},
    {"serve [--port N] [--bind ADDR]", N_("serve the web application (default port 8080)"),
     true},
    {"settings [KEY [VALUE]]", N_("show or set an organisation setting")},
    {"user add --login L --role R [--employee ID]", N_("(password from stdin)")},
    {"user token --login L", N_("print a new API token for that user")},
    {"user password --login L", N_("set a new password (from stdin)")},
    {"user grant --login L --role R [--employee ID]",
     N_("give a site's login a role in one more organisation"), true},
    {"user role --login L --role R", N_("another role in this organisation"), true},
    {"user remove --login L [--yes]", N_("take a user out of this organisation (asks first)"),
     true},
    {"import <employees|activities|learning|funding|competences|profiles|assessments|\n"
     "          mentors> FILE [--replace-year Y]", NULL},
    {"export <employees|activities|learning|funding|competences|profiles|assessments|\n"
     "          mentors> [--format csv|xlsx|json] [--year Y]", NULL},
    {"report social-balance --year Y [--format json|csv|html|xlsx]", NULL},
    {"report training-right --year Y [--format json|csv|html|xlsx]", NULL},
    {"report participation --year Y --by DIM [--min-group N] [--format ...]", NULL},
    {"report plan --year Y [--format json|html]", NULL},
    {"report onboarding [--date D] [--format json|csv|html]", NULL},
    {"report certifications [--date D] [--format json|csv|html]", NULL},
    {"report gaps [--date D] [--horizon now|future] [--department D] [--format ...]", NULL},
    {"reminders [--date D]", N_("send the certification reminders due that day")},
    {"incentives figures FILE | incentives list", N_("the incentive schemes' dated figures")},
    {"backup FILE / restore FILE [--yes]", NULL},
    {"org add SLUG --name NAME | org list | org remove SLUG [--yes]",
     N_("organisations of a PostgreSQL site"), true},
    {"report sector <participation|social-balance> --year Y", N_("across a site")},
    {"mail <send|list>", N_("deliver or list the e-mail outbox")},
    {NULL, NULL, false},
};

/* Prints the usage on OUT: the syntax as it is typed, the explanations in
 * this run's language (beside a short syntax in the column at 31, after a
 * long one, or on the next line in that column). */
static void print_usage(FILE *out)
{
    enum { COLUMN = 31 };
    fprintf(out, "%s groeipad [--db PATH | --pg URL --org SLUG] %s\n\n%s\n", _("usage:"),
            _("<command> [options]"), _("commands:"));
    for (const usage_line *l = usage_lines; l->syntax; l++) {
        int width = 2 + (int)strlen(l->syntax);
        fprintf(out, "  %s", l->syntax);
        if (!l->about) {
            fputc('\n', out);
            continue;
        }
        const char *about = _(l->about);
        if (l->below)
            fprintf(out, "\n%*s%s\n", COLUMN, "", about);
        else if (width < COLUMN)
            fprintf(out, "%*s%s\n", COLUMN - width, "", about);
        else
            fprintf(out, "%s%s\n", width == COLUMN ? " " : "   ", about);
    }
    fprintf(out, "\n%s", _("The default database is ./groeipad.db; --pg URL --org SLUG uses "
                           "organisation SLUG\nof a PostgreSQL site instead. 'groeipad "
                           "<command> --help' tells more.\nExit status: 0 success, 1 bad "
                           "input, 2 usage, 3 internal or storage error.\n"));
}

typedef struct command {
    const char *name;
    int (*run)(cli *c);
} command;

static const command commands[] = {
    {"init", cmd_init},       {"demo", cmd_demo},     {"serve", cmd_serve},
    {"settings", cmd_settings}, {"user", cmd_user},   {"export", cmd_export},
    {"import", cmd_import},     {"report", cmd_report},   {"backup", cmd_backup},
    {"restore", cmd_restore}, {"org", cmd_org}, {"reminders", cmd_reminders},
    {"mail", cmd_mail}, {"incentives", cmd_incentives},
};

/* A report reads its people and learning into a few arrays of megabytes and
 * frees them again; by default glibc gives such blocks back to the system at
 * once and the next read (the sector report: one per organisation) faults
 * every page in anew, which cost a third of a report's processor time. Up to
 * 64 MB stays with the process instead: for a command, which ends soon
 * after. Not for the server, which runs for months on many threads, each of
 * which could then keep 64 MB it no longer uses. */
static void keep_freed_memory(void)
{
    (void)mallopt(M_MMAP_THRESHOLD, 64 << 20);
    (void)mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

/* Refuses (status 2) an option given twice: its first VALUE and SECOND. */
static int given_twice(const char *option, const char *first, const char *second)
{
    str a = STR_INIT, b = STR_INIT; /* a URL's password is not shown */
    store_redact_target(first, &a);
    store_redact_target(second, &b);
    int rc = cli_fail(EXIT_USAGE, _("%s given twice ('%s' and '%s'): give it once"), option,
                      str_cstr(&a), str_cstr(&b));
    str_free(&a);
    str_free(&b);
    return rc;
}

int main(int argc, char **argv)
{
    /* the language first: every message, usage errors too, speaks it */
    i18n_set_lang(i18n_from_env());
    cli c = {.target = "groeipad.db"};
    bool pg = false;
    const char *db_path = NULL; /* --db, when given */
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            print_usage(stdout);
            return EXIT_OK;
        }
        if (strcmp(argv[i], "--version") == 0) {
            puts("groeipad " GROEIPAD_VERSION);
            return EXIT_OK;
        }
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            if (db_path)
                return given_twice("--db", db_path, argv[i + 1]);
            if (pg)
                return cli_fail(EXIT_USAGE, _("--db and --pg both name the database: give one"));
            c.target = db_path = argv[++i];
            continue;
        }
        if (strcmp(argv[i], "--pg") == 0 && i + 1 < argc) {
            if (pg)
                return given_twice("--pg", c.target, argv[i + 1]);
            if (db_path)
                return cli_fail(EXIT_USAGE, _("--db and --pg both name the database: give one"));
            c.target = argv[++i];
            pg = true;
            /* A wrong URL is bad input of the site's kind (status 3, as a
             * server that is down: issue 10, docs/scale.md), not usage. */
            if (!store_target_is_pg(c.target)) {
                str shown = STR_INIT; /* without a password it may carry */
                store_redact_target(c.target, &shown);
                int rc = cli_fail(EXIT_INTERNAL, _("--pg wants a URL such as "
                                                "postgresql://user@host/database, not '%s'"),
                                  str_cstr(&shown));
                str_free(&shown);
                return rc;
            }
            continue;
        }
        if (strcmp(argv[i], "--org") == 0 && i + 1 < argc) {
            if (c.org)
                return given_twice("--org", c.org, argv[i + 1]);
            c.org = argv[++i];
            continue;
        }
        /* the last word of the line: an option of ours without its value */
        static const char *const wants[][2] = {
            {"--db", N_("a database file")}, {"--pg", N_("a site's URL")},
            {"--org", N_("an organisation")}};
        for (size_t w = 0; w < sizeof wants / sizeof wants[0]; w++)
            if (strcmp(argv[i], wants[w][0]) == 0)
                return cli_fail(EXIT_USAGE, _("%s wants %s after it"), wants[w][0],
                                _(wants[w][1]));
        /* One line: the usage would push the mistake off the screen. Only
         * the option's name is said, never a value given with '=' (a URL
         * may carry a password). */
        static const char *const global[] = {"--db", "--pg", "--org", "--help", "--version",
                                             NULL};
        char name[32];
        size_t len = cli_option_name(argv[i], name, sizeof name);
        for (size_t w = 0; argv[i][len] == '=' && w < sizeof wants / sizeof wants[0]; w++)
            if (strcmp(name, wants[w][0]) == 0)
                return cli_fail(EXIT_USAGE, _("%s wants %s after it, after a space (not '=')"),
                                wants[w][0], _(wants[w][1]));
        const char *meant = text_closest(name, global);
        if (meant)
            return cli_fail(EXIT_USAGE, _("unknown option '%s'; did you mean '%s'? (see "
                                          "'groeipad --help')"), name, meant);
        return cli_fail(EXIT_USAGE, _("unknown option '%s' (see 'groeipad --help'; a command's "
                                      "own options come after it)"), name);
    }
    if (i >= argc) {
        print_usage(stderr);
        return EXIT_USAGE;
    }
    if (c.org && !pg)
        return cli_fail(EXIT_USAGE, _("--org names an organisation of a PostgreSQL site: give "
                                      "the site with --pg URL"));
    char where[80];
    if (pg)
        snprintf(where, sizeof where, c.org ? _("organisation %s") : _("the site"), c.org);
    c.where = pg ? where : c.target;
    if (!crypto_start())
        return cli_fail(EXIT_INTERNAL, _("cannot initialise libsodium"));
    c.argc = argc - i;
    c.argv = argv + i;
    if (strcmp(argv[i], "serve") != 0)
        keep_freed_memory();
    for (size_t k = 0; k < sizeof commands / sizeof *commands; k++)
        if (strcmp(commands[k].name, argv[i]) == 0) {
            int rc = commands[k].run(&c);
            cli_close(&c);
            return rc;
        }
    const char *names[sizeof commands / sizeof *commands + 1];
    for (size_t k = 0; k < sizeof commands / sizeof *commands; k++)
        names[k] = commands[k].name;
    names[sizeof commands / sizeof *commands] = NULL;
    const char *meant = text_closest(argv[i], names);
    if (meant)
        fprintf(stderr, _("groeipad: unknown command '%s'; did you mean '%s'?\n\n"), argv[i],
                meant);
    else
        fprintf(stderr, _("groeipad: unknown command '%s'\n\n"), argv[i]);
    print_usage(stderr);
    return EXIT_USAGE;
}
