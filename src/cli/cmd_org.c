/* cmd_org.c - org add, org list and org remove: the organisations of a
 * PostgreSQL site. */
#include "cli/cli.h"
#include "util/i18n.h"
#include "core/formats.h"
#include "core/model.h"
#include "store/orgs.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char org_syntax[] =
    "groeipad --pg URL org add SLUG --name NAME\n"
    "       groeipad --pg URL org list\n"
    "       groeipad --pg URL org remove SLUG [--yes]";
static const char org_usage[] = N_(
    "A PostgreSQL site holds many organisations, each in its own schema org_SLUG.\n"
    "'org add' registers one and makes its tables; every other command then works\n"
    "on it with --pg URL --org SLUG. A SLUG is 1 to 40 of a-z, 0-9 and _; a NAME\n"
    "up to 200 characters of text, without tabs or line breaks.\n"
    "'org remove' deletes an organisation with all its data and the roles of its\n"
    "logins (the logins stay: they may belong to other organisations). It asks\n"
    "first; --yes answers for scripts. Make a backup before:\n"
    "groeipad --pg URL --org SLUG backup FILE (restore needs the organisation\n"
    "again: org add SLUG --name NAME, then restore FILE).");

/* Opens the site (its registry), made or brought up to date. */
static int open_site(cli *c)
{
    if (!strstr(c->target, "://"))
        return cli_fail(EXIT_USAGE, _("org: a SQLite file holds one organisation; organisations "
                                      "are for a PostgreSQL site (--pg URL)"));
    int rc = cli_connect(c); /* c->org is NULL: cmd_org refuses --org */
    int applied;
    if (rc == EXIT_OK && store_migrate(c->db, &applied) != STORE_OK)
        rc = cli_fail(EXIT_INTERNAL, _("the site's registry: %s"), store_error(c->db));
    return rc;
}

static int org_add(cli *c)
{
    static const char *const options[] = {"--name=", NULL};
    if (!cli_check_args(c, 2, options, 1))
        return EXIT_USAGE;
    bool bad = false;
    const char *name = cli_option(c, "--name", &bad);
    const char *slug = c->argc > 2 && c->argv[2][0] != '-' ? c->argv[2] : NULL;
    if (!slug || !name || bad || !*name)
        return cli_fail(EXIT_USAGE, _("org add: give a SLUG and --name NAME"));
    if (!org_slug_valid(slug))
        return cli_fail(EXIT_INPUT, _("org add: '%s' is not a slug: 1 to 40 of a-z, 0-9 and _"),
                        slug);
    if (!org_name_valid(name)) /* not shown: it may be what breaks a terminal */
        return cli_fail(EXIT_INPUT, _("org add: the name must be 1 to %d characters of UTF-8 "
                                      "text, without tabs, line breaks or other control "
                                      "characters"), ORG_NAME_MAX);
    int rc = open_site(c);
    if (rc != EXIT_OK)
        return rc;
    int added = orgs_add(c->db, slug, name);
    if (added == STORE_CONSTRAINT)
        return cli_fail(EXIT_INPUT, _("org add: the site already has an organisation '%s'"), slug);
    if (added != STORE_OK)
        return cli_fail(EXIT_INTERNAL, "org add: %s", store_error(c->db));
    cli_close(c);
    c->org = slug;
    char where[80];
    snprintf(where, sizeof where, _("organisation %s"), slug);
    c->where = where;
    rc = cli_open(c, true);
    if (rc != EXIT_OK)
        return rc;
    /* What to do next rather than the schema's version, which init
     * reports to whoever asks; never the URL, which may hold a password. */
    printf(_("organisation %s (%s) added, in schema org_%s. Next:\n"), slug, name, slug);
    printf("  groeipad --pg URL --org %s import employees FILE   %s\n", slug,
           _("(or demo, to try it)"));
    printf("  groeipad --pg URL --org %s user add --login L --role admin\n", slug);
    return fflush(stdout) == 0 ? EXIT_OK : cli_fail(EXIT_INTERNAL, _("org add: cannot write"));
}

static int org_list(cli *c)
{
    static const char *const none[] = {NULL};
    if (!cli_check_args(c, 2, none, 0))
        return EXIT_USAGE;
    int rc = open_site(c);
    if (rc != EXIT_OK)
        return rc;
    arena a = ARENA_INIT;
    organisation *orgs;
    size_t n;
    if (orgs_list(c->db, &a, &orgs, &n) != STORE_OK) {
        arena_free(&a);
        return cli_fail(EXIT_INTERNAL, "org list: %s", store_error(c->db));
    }
    for (size_t i = 0; i < n; i++)
        printf("%s\t%s\n", orgs[i].slug, orgs[i].name);
    /* None yet: said on stderr, so that a script reading stdout sees none */
    if (n == 0)
        fputs(_("groeipad: the site has no organisations yet; add one with "
                "groeipad --pg URL org add SLUG --name NAME\n"), stderr);
    arena_free(&a);
    return EXIT_OK;
}

static int org_remove(cli *c)
{
    static const char *const options[] = {"--yes", NULL};
    if (!cli_check_args(c, 2, options, 1))
        return EXIT_USAGE;
    const char *slug = NULL;
    bool yes = false;
    for (int i = 2; i < c->argc; i++) {
        if (strcmp(c->argv[i], "--yes") == 0)
            yes = true;
        else if (!slug)
            slug = c->argv[i];
    }
    if (!slug)
        return cli_fail(EXIT_USAGE, _("org remove: say which organisation (its SLUG)"));
    if (!org_slug_valid(slug))
        return cli_fail(EXIT_INPUT, _("org remove: '%s' is not a slug: 1 to 40 of a-z, 0-9 and _"),
                        slug);
    int rc = open_site(c);
    if (rc != EXIT_OK)
        return rc;
    int found = orgs_exists(c->db, slug);
    if (found < 0)
        return cli_fail(EXIT_INTERNAL, "org remove: %s", store_error(c->db));
    /* status 3, as for --org of an unknown organisation (docs/scale.md) */
    if (!found)
        return cli_fail(EXIT_INTERNAL, _("org remove: no organisation '%s' on this site (org list "
                                      "shows them)"), slug);
    if (!yes) {
        int64_t employees, logins;
        if (orgs_size(c->db, slug, &employees, &logins) != STORE_OK)
            return cli_fail(EXIT_INTERNAL, "org remove: %s", store_error(c->db));
        char staff[64], roles[80];
        snprintf(staff, sizeof staff, P_("its %lld employee", "its %lld employees",
                                         (unsigned long)employees), (long long)employees);
        snprintf(roles, sizeof roles,
                 P_("the role of its %lld login", "the roles of its %lld logins",
                    (unsigned long)logins),
                 (long long)logins);
        if (!isatty(STDIN_FILENO))
            return cli_fail(EXIT_USAGE, _("org remove: this deletes organisation %s with %s "
                                          "and all its data, and %s; add --yes to confirm"),
                            slug, staff, roles);
        fprintf(stderr, _("This deletes organisation %s with %s, their learning and every "
                          "other table of it, and %s. It cannot be undone; a backup can be "
                          "restored into it when it is added again. Type yes to go on: "),
                slug, staff, roles);
        /* yes in the words of the prompt's language too: "ja", "oui" */
        char answer[16];
        if (!fgets(answer, sizeof answer, stdin) ||
            code_read(&vocab_yesno, answer, strcspn(answer, "\r\n")) != 0)
            return cli_fail(EXIT_USAGE, _("%s: nothing was changed"), "org remove");
    }
    arena a = ARENA_INIT;
    const char **alone;
    size_t nalone;
    int removed = orgs_only_logins(c->db, &a, slug, &alone, &nalone);
    if (removed == STORE_OK)
        removed = orgs_remove(c->db, "cli", slug);
    if (removed == STORE_OK) {
        printf(_("organisation %s removed\n"), slug);
        /* They can still log in, to be told they belong nowhere yet. */
        if (nalone)
            /* English says the plural for one too, as it always did (and
             * scripts and tests read it so); the others count */
            printf("%s", P_("these logins now belong to no organisation (user grant gives them "
                            "a role in another):",
                            "these logins now belong to no organisation (user grant gives them "
                            "a role in another):", nalone));
        for (size_t i = 0; i < nalone; i++)
            printf(" %s", alone[i]);
        if (nalone)
            putchar('\n');
    }
    arena_free(&a);
    if (removed == STORE_DONE)
        return cli_fail(EXIT_INTERNAL, _("org remove: no organisation '%s' on this site"), slug);
    if (removed != STORE_OK)
        return cli_fail(EXIT_INTERNAL, "org remove: %s", store_error(c->db));
    return EXIT_OK;
}

int cmd_org(cli *c)
{
    /* The usage on stdout when asked for, on stderr after a mistake. */
    if (cli_wants_help(c) || c->argc < 2) {
        bool asked = cli_wants_help(c);
        cli_print_usage(asked ? stdout : stderr, org_syntax);
        fprintf(asked ? stdout : stderr, "\n%s\n", _(org_usage));
        return asked ? EXIT_OK : EXIT_USAGE;
    }
    /* As report sector: the command is the whole site's, so an --org
     * would be silently ignored (or taken for the SLUG of org add). */
    if (c->org)
        return cli_fail(EXIT_USAGE, _("org: give the site with --pg URL (no --org: org add, "
                                      "list and remove are of the whole site)"));
    if (strcmp(c->argv[1], "add") == 0)
        return org_add(c);
    if (strcmp(c->argv[1], "list") == 0)
        return org_list(c);
    if (strcmp(c->argv[1], "remove") == 0)
        return org_remove(c);
    return cli_fail(EXIT_USAGE, _("org: unknown '%s' (add, list or remove)"), c->argv[1]);
}
