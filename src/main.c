/* main.c - groeipad [--db PATH | --pg URL] <command> ... */
#include "cli/cli.h"
#include "util/crypto.h"
#include "util/i18n.h"
#include <malloc.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: groeipad [--db PATH | --pg URL --org SLUG] <command> [options]\n"
    "\n"
    "commands:\n"
    "  init                         create or migrate the database\n"
    "  demo                         fill an empty database with a demo organisation\n"
    "  serve [--port N] [--bind ADDR]\n"
    "                               serve the web application (default port 8080)\n"
    "  settings [KEY [VALUE]]       show or set an organisation setting\n"
    "  user add --login L --role R [--employee ID]   (password from stdin)\n"
    "  user token --login L         print a new API token for that user\n"
    "  user password --login L      set a new password (from stdin)\n"
    "  user grant --login L --role R [--employee ID]\n"
    "                               give a site's login a role in one more organisation\n"
    "  user role --login L --role R another role in this organisation\n"
    "  user remove --login L [--yes] take a user out of this organisation (asks first)\n"
    "  import <employees|activities|learning|funding|competences|profiles|assessments|\n"
    "          mentors> FILE [--replace-year Y]\n"
    "  export <employees|activities|learning|funding|competences|profiles|assessments|\n"
    "          mentors> [--format csv|xlsx|json] [--year Y]\n"
    "  report social-balance --year Y [--format json|csv|html|xlsx]\n"
    "  report training-right --year Y [--format json|csv|html|xlsx]\n"
    "  report participation --year Y --by DIM [--min-group N] [--format ...]\n"
    "  report plan --year Y [--format json|html]\n"
    "  report onboarding [--date D] [--format json|csv|html]\n"
    "  report certifications [--date D] [--format json|csv|html]\n"
    "  report gaps [--date D] [--horizon now|future] [--department D] [--format ...]\n"
    "  reminders [--date D]         send the certification reminders due that day\n"
    "  incentives figures FILE | incentives list   the incentive schemes' dated figures\n"
    "  backup FILE / restore FILE [--yes]\n"
    "  org add SLUG --name NAME | org list | org remove SLUG [--yes]\n"
    "                               organisations of a PostgreSQL site\n"
    "  report sector <participation|social-balance> --year Y   across a site\n"
    "  mail <send|list>             deliver or list the e-mail outbox\n"
    "\n"
    "The default database is ./groeipad.db; --pg URL --org SLUG uses organisation SLUG\n"
    "of a PostgreSQL site instead. 'groeipad <command> --help' tells more.\n"
    "Exit status: 0 success, 1 bad input, 2 usage, 3 internal or storage error.\n";

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
    int rc = cli_fail(EXIT_USAGE, "%s given twice ('%s' and '%s'): give it once", option,
                      str_cstr(&a), str_cstr(&b));
    str_free(&a);
    str_free(&b);
    return rc;
}

int main(int argc, char **argv)
{
    cli c = {.target = "groeipad.db"};
    bool pg = false;
    const char *db_path = NULL; /* --db, when given */
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
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
                return cli_fail(EXIT_USAGE, "--db and --pg both name the database: give one");
            c.target = db_path = argv[++i];
            continue;
        }
        if (strcmp(argv[i], "--pg") == 0 && i + 1 < argc) {
            if (pg)
                return given_twice("--pg", c.target, argv[i + 1]);
            if (db_path)
                return cli_fail(EXIT_USAGE, "--db and --pg both name the database: give one");
            c.target = argv[++i];
            pg = true;
            /* A wrong URL is bad input of the site's kind (status 3, as a
             * server that is down: issue 10, docs/scale.md), not usage. */
            if (!store_target_is_pg(c.target)) {
                str shown = STR_INIT; /* without a password it may carry */
                store_redact_target(c.target, &shown);
                int rc = cli_fail(EXIT_INTERNAL, "--pg wants a URL such as "
                                              "postgresql://user@host/database, not '%s'",
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
            {"--db", "a database file"}, {"--pg", "a site's URL"}, {"--org", "an organisation"}};
        for (size_t w = 0; w < sizeof wants / sizeof wants[0]; w++)
            if (strcmp(argv[i], wants[w][0]) == 0)
                return cli_fail(EXIT_USAGE, "%s wants %s after it", wants[w][0], wants[w][1]);
        fprintf(stderr, "groeipad: unknown option '%s'\n\n%s", argv[i], usage);
        return EXIT_USAGE;
    }
    if (i >= argc) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    if (c.org && !pg)
        return cli_fail(EXIT_USAGE, "--org names an organisation of a PostgreSQL site: give "
                                    "the site with --pg URL");
    char where[80];
    if (pg)
        snprintf(where, sizeof where, c.org ? "organisation %s" : "the site", c.org);
    c.where = pg ? where : c.target;
    i18n_set_lang(i18n_from_env());
    if (!crypto_start())
        return cli_fail(EXIT_INTERNAL, "cannot initialise libsodium");
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
    fprintf(stderr, "groeipad: unknown command '%s'\n\n%s", argv[i], usage);
    return EXIT_USAGE;
}
