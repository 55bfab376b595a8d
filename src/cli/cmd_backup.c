/* cmd_backup.c - backup FILE and restore FILE. */
#include "cli/cli.h"
#include "core/formats.h"
#include "core/model.h"
#include "store/orgs.h"
#include "util/i18n.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cmd_backup(cli *c)
{
    if (cli_wants_help(c)) {
        cli_print_usage(stdout, "groeipad [--db PATH] backup FILE\n"
                                "       groeipad --pg URL --org SLUG backup FILE");
        printf("\n%s\n",
               _("Writes a consistent copy of the whole database to FILE, also while the\n"
                 "server runs; on a site (--pg), of the one organisation --org names.\n"
                 "FILE must not exist yet."));
        return EXIT_OK;
    }
    static const char *const none[] = {NULL};
    if (!cli_check_args(c, 1, none, 1) || c->argc != 2)
        return c->argc == 2 ? EXIT_USAGE : cli_fail(EXIT_USAGE, _("backup: say to which file"));
    if (access(c->argv[1], F_OK) == 0)
        return cli_fail(EXIT_INPUT, _("backup: %s exists; choose a new file"), c->argv[1]);
    char folder[4096];
    int trouble = cli_path_trouble(c->argv[1], folder, sizeof folder);
    if (trouble == 1)
        return cli_fail(EXIT_INPUT, _("backup: the folder %s does not exist (make it first, or "
                                      "choose another file)"), folder);
    if (trouble == 2)
        return cli_fail(EXIT_INPUT, _("backup: you may not write in the folder %s"), folder);
    int rc = cli_open(c, false);
    if (rc != EXIT_OK)
        return rc;
    if (store_backup(c->db, c->argv[1]) != STORE_OK)
        return cli_fail(EXIT_INTERNAL, "backup: %s", store_error(c->db));
    printf(_("backup written to %s\n"), c->argv[1]);
    return EXIT_OK;
}

int cmd_restore(cli *c)
{
    if (cli_wants_help(c)) {
        cli_print_usage(stdout, "groeipad [--db PATH] restore FILE [--yes]\n"
                                "       groeipad --pg URL --org SLUG restore FILE [--yes] "
                                "[--from-other-organisation]");
        printf("\n%s\n",
               _("Replaces everything in the database with the backup FILE. It asks first\n"
                 "(not when the database file does not exist yet); --yes answers for\n"
                 "scripts. Make a backup of the current state before.\n"
                 "On a site, a backup goes back into the organisation it was made of;\n"
                 "--from-other-organisation copies another organisation's backup into this\n"
                 "one: its people, learning, plans and audit trail, but not what is the\n"
                 "original's own: its badges and badge keys, calendar feed addresses, queued\n"
                 "mail and mail server; its logins get no role here (user grant gives one).\n"
                 "A table the organisation lost (dropped by hand) is made again first,\n"
                 "from the migrations, with its keys, indexes and the views over it."));
        return EXIT_OK;
    }
    static const char *const options[] = {"--yes", "--from-other-organisation", NULL};
    if (!cli_check_args(c, 1, options, 1))
        return EXIT_USAGE;
    const char *file = NULL;
    bool yes = false, other_org = false;
    for (int i = 1; i < c->argc; i++) {
        if (strcmp(c->argv[i], "--yes") == 0)
            yes = true;
        else if (strcmp(c->argv[i], "--from-other-organisation") == 0)
            other_org = true;
        else
            file = c->argv[i];
    }
    if (!file)
        return cli_fail(EXIT_USAGE, _("restore: say which backup file"));
    if (access(file, R_OK) != 0)
        return cli_fail(EXIT_INPUT, _("restore: cannot read %s (%s)"), file, cli_strerror(errno));
    /* A database file that is not there yet holds nothing to lose: restore
     * FILE (DESIGN 4) makes it without a question, also in a script. */
    struct stat target;
    if (!store_target_is_pg(c->target) && stat(c->target, &target) != 0 && errno == ENOENT)
        yes = true;
    int rc = EXIT_OK;
    if (!yes) {
        /* A backup that would be refused is said before anyone is asked
         * to confirm (or to add --yes) for nothing: on a connection that
         * changes nothing (cli_open would migrate the database). */
        rc = cli_connect(c);
        if (rc != EXIT_OK)
            return rc;
        int usable = store_restore_check(c->db, file, other_org);
        if (usable == STORE_CONSTRAINT)
            return cli_fail(EXIT_INPUT, "restore: %s: %s", file, store_error(c->db));
        if (usable != STORE_OK)
            return cli_fail(EXIT_INTERNAL, "restore: %s", store_error(c->db));
        if (!isatty(STDIN_FILENO))
            return cli_fail(EXIT_USAGE, _("restore: this replaces everything in %s; add --yes "
                                          "to confirm"), c->where);
        fprintf(stderr, _("This replaces everything in %s with %s. Type yes to go on: "),
                c->where, file);
        /* yes as org remove reads it: "ja", "oui" too, the prompt's words */
        char answer[16];
        if (!fgets(answer, sizeof answer, stdin) ||
            code_read(&vocab_yesno, answer, strcspn(answer, "\r\n")) != 0)
            return cli_fail(EXIT_USAGE, _("%s: nothing was changed"), "restore");
        cli_close(c);
    }
    rc = cli_open(c, true);
    if (rc != EXIT_OK)
        return rc;
    int64_t logins_before = -1, logins_after = -1;
    if (c->org && orgs_size(c->db, c->org, NULL, &logins_before) != STORE_OK)
        logins_before = -1; /* on a site: the roles a backup gives back are counted */
    int restored = store_restore(c->db, file, other_org);
    if (restored == STORE_CONSTRAINT)
        return cli_fail(EXIT_INPUT, "restore: %s: %s", file, store_error(c->db));
    if (restored != STORE_OK)
        return cli_fail(EXIT_INTERNAL, "restore: %s", store_error(c->db));
    int applied;
    if (store_migrate(c->db, &applied) != STORE_OK)
        return cli_fail(EXIT_INTERNAL, "restore: %s", store_error(c->db));
    printf(_("%s restored from %s\n"), c->where, file);
    if (other_org && c->org)
        puts(_("a copy of another organisation: its badges and the keys that signed them, "
               "its calendar feed addresses, its queued mail, its mail server settings and its "
               "public_url stay with the original; its logins get no role here (user grant gives one)"));
    if (logins_before >= 0 && orgs_size(c->db, c->org, NULL, &logins_after) == STORE_OK &&
        logins_after > logins_before) {
        unsigned long given = (unsigned long)(logins_after - logins_before);
        printf(P_("%lu login of the site has its role here again\n",
                  "%lu logins of the site have their role here again\n", given),
               given);
    }
    return EXIT_OK;
}
