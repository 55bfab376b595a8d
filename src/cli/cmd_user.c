/* cmd_user.c - user add, token, password, grant, role and remove. */
#include "cli/cli.h"
#include "util/i18n.h"
#include "core/formats.h"
#include "core/model.h"
#include "store/site.h"
#include "util/crypto.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define MIN_PASSWORD 8

static const char help[] = N_(
    "add    creates a user; the password is read from standard input (one line,\n"
    "       at least 8 characters). Roles: admin, manager, employee, mentor,\n"
    "       representative. --employee links the user to an employee by id.\n"
    "token  prints a new API token for the user, for 'Authorization: Bearer'.\n"
    "       It is shown once; groeipad keeps only its hash.\n"
    "password  sets a new password (standard input, as for add) and ends the\n"
    "       user's sessions and tokens; on a site without --org, the login's own\n"
    "       in every organisation it belongs to.\n"
    "grant  gives a login of the site a role in one more organisation (on a\n"
    "       PostgreSQL site one person has one login for all its organisations).\n"
    "role   gives the user another role in this organisation (on a site: --org);\n"
    "       their next page or API request has it.\n"
    "link   makes the login the one of an employee (by their number): a login\n"
    "       made without --employee has no team and no pages of its own.\n"
    "remove takes the user out of this organisation and ends their sessions and\n"
    "       API tokens in it; it asks first, --yes answers for scripts. On a site\n"
    "       the login stays the person's in the other organisations it belongs to.\n"
    "       The organisation's only admin is neither removed nor given another\n"
    "       role: make someone else admin first.\n"
    "--sector  an account of the site that reads only the sector reports\n"
    "       (/api/v1/sector/...), with its own token.");

/* Prints the command's usage on OUT: the syntax as typed, the rest in this
 * run's language. */
static void print_usage(FILE *out)
{
    str syntax = STR_INIT;
    str_printf(&syntax,
               "groeipad [--db PATH] user add --login L --role R [--employee ID]\n"
               "       groeipad [--db PATH] user token --login L\n"
               "       groeipad [--db PATH] user password --login L   (%s)\n"
               "       groeipad [--db PATH] user role --login L --role R\n"
               "       groeipad [--db PATH] user link --login L --employee ID\n"
               "       groeipad [--db PATH] user remove --login L [--yes]\n"
               "       groeipad --pg URL --org SLUG user grant --login L --role R [--employee ID]\n"
               "       groeipad --pg URL user add --login L --sector    (%s)\n"
               "       groeipad --pg URL user token --login L           (%s)\n"
               "       groeipad --pg URL user password --login L        (%s)",
               _("password from stdin"), _("a site's sector account"), _("its token"),
               _("on every organisation"));
    cli_print_usage(out, str_ok(&syntax) ? str_cstr(&syntax) : "groeipad user");
    fprintf(out, "\n%s\n", _(help));
    str_free(&syntax);
}

/* On a site without --org: opens the site (its registry, made or brought up
 * to date). */
static int open_site_registry(cli *c)
{
    int rc = cli_connect(c), applied;
    if (rc == EXIT_OK && store_migrate(c->db, &applied) != STORE_OK)
        rc = cli_fail(EXIT_INTERNAL, _("the site's registry: %s"), store_error(c->db));
    return rc;
}

static bool on_site(const cli *c)
{
    return store_target_is_pg(c->target) && !c->org;
}

/* Reads one line from stdin into BUF without its line end; false when none.
 * From a terminal it asks for it on stderr and does not show what is typed
 * (a script pipes the password in, and is not asked). */
static bool read_password(char *buf, size_t n)
{
    struct termios saved, quiet;
    bool terminal = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal) {
        fprintf(stderr, "%s ", _("Password (not shown):"));
        fflush(stderr);
        quiet = saved;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        quiet.c_lflag |= ECHONL; /* the Enter still moves to the next line */
        terminal = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    bool got = fgets(buf, (int)n, stdin) != NULL;
    if (terminal)
        (void)tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    if (!got)
        return false;
    size_t len = strcspn(buf, "\r\n");
    if (buf[len] == '\0' && len == n - 1)
        return false; /* longer than the buffer: refuse rather than cut */
    buf[len] = '\0';
    return true;
}

/* Reads a new password from standard input into its hash HASH; EXIT_OK, or
 * the failure said for command WHAT. The password itself is wiped. */
static int new_password_hash(const char *what, char *hash, size_t size)
{
    char password[1024];
    if (!read_password(password, sizeof password))
        return cli_fail(EXIT_INPUT, _("%s: no password on standard input"), what);
    if (strlen(password) < MIN_PASSWORD) {
        sodium_memzero(password, sizeof password);
        return cli_fail(EXIT_INPUT, _("%s: the password needs at least %d characters"), what,
                        MIN_PASSWORD);
    }
    bool hashed = password_hash(password, hash, size);
    sodium_memzero(password, sizeof password);
    return hashed ? EXIT_OK
                  : cli_fail(EXIT_INTERNAL, _("%s: cannot hash the password (out of memory?)"),
                             what);
}

/* The refusal of command WHAT to link a login to employee EMPLOYEE_ID who
 * has one here already (one login per employee), naming it; EXIT_OK when
 * they have none. */
static int employee_has_login(cli *c, const char *what, const char *employee_id)
{
    arena a = ARENA_INIT;
    const char *has = NULL;
    int found = users_of_employee(c->db, &a, employee_id, &has);
    int rc = found == STORE_DONE ? EXIT_OK
             : found == STORE_ROW
                 ? cli_fail(EXIT_INPUT, _("%s: employee %s already has the login '%s' in %s; an "
                                          "employee has one login (user role --login %s changes "
                                          "its role, user remove --login %s takes it away)"),
                            what, employee_id, has, c->where, has, has)
                 : cli_fail(EXIT_INTERNAL, "%s: %s", what, store_error(c->db));
    arena_free(&a);
    return rc;
}

static int user_add(cli *c)
{
    static const char *const options[] = {"--login=", "--role=", "--employee=", "--sector",
                                          NULL};
    if (!cli_check_args(c, 2, options, 0))
        return EXIT_USAGE;
    bool bad = false, sector = false;
    const char *login = cli_option(c, "--login", &bad), *role = cli_option(c, "--role", &bad);
    const char *employee_id = cli_option(c, "--employee", &bad);
    for (int i = 2; i < c->argc; i++)
        sector |= strcmp(c->argv[i], "--sector") == 0;
    if (sector != on_site(c) || (sector && (role || employee_id)))
        return sector ? cli_fail(EXIT_USAGE, _("user add: --sector, and only it, makes an "
                                               "account of a whole site (--pg URL without --org)"))
                      : cli_fail(EXIT_USAGE, _("user add: on a site, name the organisation the "
                                               "person is added to with --org SLUG (or make a "
                                               "sector account of the site with --sector)"));
    if (bad || !login || (!role && !sector) || !*login)
        return cli_fail(EXIT_USAGE, _("%s: --login and --role are required"), "user add");
    int r = sector ? 0 : role_from_name(role);
    if (!r && !sector)
        return cli_fail(EXIT_USAGE, _("%s: unknown role '%s' (admin, manager, employee, "
                                      "mentor, representative)"), "user add", role);
    char hash[256];
    int rc = new_password_hash("user add", hash, sizeof hash);
    if (rc != EXIT_OK)
        return rc;
    rc = sector ? open_site_registry(c) : cli_open(c, true);
    if (rc != EXIT_OK)
        return rc;
    if (store_begin(c->db) != STORE_OK)
        return cli_fail(EXIT_INTERNAL, "%s", store_error(c->db));
    int added = store_end(c->db, sector ? site_sector_account_add(c->db, "cli", login, hash)
                                        : users_add(c->db, "cli", login, hash, r, employee_id));
    if (added == STORE_OK) {
        printf(_("user %s (%s) added\n"), login, sector ? "sector" : role);
        return EXIT_OK;
    }
    if (added == STORE_CONSTRAINT && employee_id) {
        int refused = employee_has_login(c, "user add", employee_id);
        if (refused != EXIT_OK)
            return refused;
    }
    if (added == STORE_CONSTRAINT)
        return employee_id && employees_row(c->db, employee_id) == 0
                   ? cli_fail(EXIT_INPUT, _("%s: no employee with id '%s'"),
                              "user add", employee_id)
                   : cli_fail(EXIT_INPUT, _("user add: the login '%s' is taken%s"), login,
                              c->org ? _(" (on a site a login is one person's in every "
                                         "organisation: user grant gives an existing login a "
                                         "role here)")
                                     : "");
    return cli_fail(EXIT_INTERNAL, "%s", store_error(c->db));
}

static int user_token(cli *c)
{
    static const char *const options[] = {"--login=", NULL};
    if (!cli_check_args(c, 2, options, 0))
        return EXIT_USAGE;
    bool bad = false;
    const char *login = cli_option(c, "--login", &bad);
    if (!login)
        return cli_fail(EXIT_USAGE, _("%s: --login is required"), "user token");
    /* On a site without --org: a token of the site (a sector account's). */
    int rc = on_site(c) ? open_site_registry(c) : cli_open(c, false);
    if (rc != EXIT_OK)
        return rc;
    arena a = ARENA_INIT;
    user u;
    int found = users_find(c->db, &a, login, &u, NULL);
    /* A token of the whole site reads the sector reports and nothing else:
     * anyone else's would be refused everywhere. */
    int sector = found == STORE_ROW && on_site(c) ? site_is_sector_account(c->db, login) : 0;
    if (found != STORE_ROW || sector == STORE_ERROR) {
        arena_free(&a);
        return found == STORE_DONE ? cli_fail(EXIT_INPUT, _("user token: no user '%s'"), login)
                                   : cli_fail(EXIT_INTERNAL, "%s", store_error(c->db));
    }
    if (on_site(c) && sector != STORE_ROW) {
        arena_free(&a);
        return cli_fail(EXIT_USAGE, _("user token: '%s' works in organisations: name the one "
                                      "the token is for with --org SLUG (a token without one is "
                                      "a sector account's)"), login);
    }
    char token[TOKEN_HEX_SIZE], hash[TOKEN_HEX_SIZE];
    token_new(token);
    token_hash(token, hash);
    int saved = store_begin(c->db);
    if (saved == STORE_OK)
        saved = tokens_add(c->db, u.id, hash);
    if (saved == STORE_OK)
        saved = audit_write(c->db, "cli", "create", "api_token", login, NULL, NULL);
    if (store_end(c->db, saved) != STORE_OK) {
        arena_free(&a);
        return cli_fail(EXIT_INTERNAL, "%s", store_error(c->db));
    }
    arena_free(&a);
    puts(token);
    return EXIT_OK;
}

/* user password: sets LOGIN's password from standard input and ends its
 * sessions and tokens. On a site without --org, the site's account (the
 * person's in every organisation): the way back for a person of several
 * organisations who forgot it, as no organisation's admin may set it. */
static int user_password(cli *c)
{
    static const char *const options[] = {"--login=", NULL};
    if (!cli_check_args(c, 2, options, 0))
        return EXIT_USAGE;
    bool bad = false;
    const char *login = cli_option(c, "--login", &bad);
    if (bad || !login || !*login)
        return cli_fail(EXIT_USAGE, _("%s: --login is required"), "user password");
    char hash[256];
    int rc = new_password_hash("user password", hash, sizeof hash);
    if (rc == EXIT_OK)
        rc = on_site(c) ? open_site_registry(c) : cli_open(c, false);
    if (rc != EXIT_OK)
        return rc;
    int shared = on_site(c) ? 0 : site_login_shared(c->db, login);
    if (shared == 1)
        return cli_fail(EXIT_INPUT, _("user password: '%s' belongs to other organisations too; "
                                      "its password is the same in all of them: set it without "
                                      "--org (groeipad --pg URL user password --login %s)"),
                        login, login);
    int set = shared < 0 ? STORE_ERROR : store_begin(c->db);
    if (set == STORE_OK)
        set = users_set_password(c->db, "cli", login, hash, on_site(c));
    set = store_end(c->db, set);
    if (set == STORE_OK) {
        printf(_("password of %s set; its sessions and tokens have ended\n"), login);
        return EXIT_OK;
    }
    if (set == STORE_DONE)
        return cli_fail(EXIT_INPUT, _("user password: no user '%s'"), login);
    return cli_fail(set == STORE_CONSTRAINT ? EXIT_INPUT : EXIT_INTERNAL, "user password: %s",
                    store_error(c->db));
}

/* user grant: a login of the site gets a role in this organisation too. */
static int user_grant(cli *c)
{
    static const char *const options[] = {"--login=", "--role=", "--employee=", NULL};
    if (!cli_check_args(c, 2, options, 0))
        return EXIT_USAGE;
    bool bad = false;
    const char *login = cli_option(c, "--login", &bad), *role = cli_option(c, "--role", &bad);
    const char *employee_id = cli_option(c, "--employee", &bad);
    if (bad || !login || !role)
        return cli_fail(EXIT_USAGE, _("%s: --login and --role are required"), "user grant");
    if (!store_target_is_pg(c->target) || !c->org)
        return cli_fail(EXIT_USAGE, _("user grant: for an organisation of a PostgreSQL site "
                                      "(--pg URL --org SLUG)"));
    if (!role_from_name(role))
        return cli_fail(EXIT_USAGE, _("%s: unknown role '%s' (admin, manager, employee, "
                                      "mentor, representative)"), "user grant", role);
    int rc = cli_open(c, false);
    if (rc != EXIT_OK)
        return rc;
    if (employee_id && employees_row(c->db, employee_id) <= 0)
        return cli_fail(EXIT_INPUT, _("%s: no employee with id '%s'"), "user grant", employee_id);
    if (store_begin(c->db) != STORE_OK)
        return cli_fail(EXIT_INTERNAL, "%s", store_error(c->db));
    int sector = site_is_sector_account(c->db, login);
    if (sector == STORE_ROW)
        return cli_fail(EXIT_INPUT, _("user grant: '%s' is a sector account: it reads the sector "
                                      "reports only and has no role in an organisation (make a "
                                      "login of its own with user add)"), login);
    int linked = employee_id ? employee_has_login(c, "user grant", employee_id) : EXIT_OK;
    if (linked != EXIT_OK) {
        store_end(c->db, STORE_CONSTRAINT);
        return linked;
    }
    int granted = store_end(c->db, site_grant(c->db, "cli", login, role, employee_id));
    if (granted == STORE_DONE)
        return cli_fail(EXIT_INPUT, _("user grant: the site has no login '%s'"), login);
    /* Another grant or add for the same employee may have come first, after
     * the check above: the registry's index refused this one (registry/004),
     * and the login that came first is named as the check names it. */
    if (granted == STORE_CONSTRAINT && employee_id &&
        (linked = employee_has_login(c, "user grant", employee_id)) != EXIT_OK)
        return linked;
    if (granted == STORE_CONSTRAINT)
        return cli_fail(EXIT_INPUT, _("user grant: '%s' belongs to %s already; user role "
                                      "--login %s --role R changes the role it has there"),
                        login, c->where, login);
    if (granted != STORE_OK)
        return cli_fail(EXIT_INTERNAL, "%s", store_error(c->db));
    printf(_("user %s is %s in %s too\n"), login, role, c->where);
    return EXIT_OK;
}

/* Opens an organisation's users for user role and remove (WHAT), and refuses
 * a site without --org and a sector account, which has no role in one. */
static int open_org_users(cli *c, const char *what, const char *login)
{
    if (on_site(c))
        return cli_fail(EXIT_USAGE, _("user %s: a role is an organisation's: name it with "
                                      "--org SLUG"), what);
    int rc = cli_open(c, false);
    if (rc == EXIT_OK && store_target_is_pg(c->target) &&
        site_is_sector_account(c->db, login) == STORE_ROW)
        rc = cli_fail(EXIT_INPUT, _("user %s: '%s' is a sector account of the site: it reads the "
                                    "sector reports only and has no role in an organisation"),
                      what, login);
    return rc;
}

/* The refusal of user role or remove (WHAT) for LOGIN, the only admin. */
static int only_admin(cli *c, const char *what, const char *login)
{
    return cli_fail(EXIT_INPUT, _("user %s: %s is the only admin of %s, which would have nobody "
                                  "left to manage its users; make another user admin first "
                                  "(user role --login OTHER --role admin)"),
                    what, login, c->where);
}

/* user role: LOGIN gets another role in this organisation. */
static int user_role(cli *c)
{
    static const char *const options[] = {"--login=", "--role=", NULL};
    if (!cli_check_args(c, 2, options, 0))
        return EXIT_USAGE;
    bool bad = false;
    const char *login = cli_option(c, "--login", &bad), *role = cli_option(c, "--role", &bad);
    if (bad || !login || !*login || !role)
        return cli_fail(EXIT_USAGE, _("%s: --login and --role are required"), "user role");
    int r = role_from_name(role);
    if (!r)
        return cli_fail(EXIT_USAGE, _("%s: unknown role '%s' (admin, manager, employee, "
                                      "mentor, representative)"), "user role", role);
    int rc = open_org_users(c, "role", login);
    if (rc != EXIT_OK)
        return rc;
    int set = store_begin(c->db);
    set = store_end(c->db, set == STORE_OK ? users_set_role(c->db, "cli", login, r) : set);
    if (set == STORE_DONE)
        return cli_fail(EXIT_INPUT, _("user role: no user '%s' in %s"), login, c->where);
    if (set == STORE_CONSTRAINT)
        return only_admin(c, "role", login);
    if (set != STORE_OK)
        return cli_fail(EXIT_INTERNAL, "user role: %s", store_error(c->db));
    printf(_("user %s is %s in %s\n"), login, role, c->where);
    return EXIT_OK;
}

/* user link: LOGIN is the login of employee --employee ID in this
 * organisation (a login made without one, or linked to someone else). */
static int user_link(cli *c)
{
    static const char *const options[] = {"--login=", "--employee=", NULL};
    if (!cli_check_args(c, 2, options, 0))
        return EXIT_USAGE;
    bool bad = false;
    const char *login = cli_option(c, "--login", &bad);
    const char *employee_id = cli_option(c, "--employee", &bad);
    if (bad || !login || !*login || !employee_id || !*employee_id)
        return cli_fail(EXIT_USAGE, _("%s: --login and --employee are required"), "user link");
    int rc = open_org_users(c, "link", login);
    if (rc != EXIT_OK)
        return rc;
    int64_t row = employees_row(c->db, employee_id);
    if (row <= 0)
        return row < 0 ? cli_fail(EXIT_INTERNAL, "user link: %s", store_error(c->db))
                       : cli_fail(EXIT_INPUT, _("%s: no employee with id '%s'"), "user link",
                                  employee_id);
    int set = store_begin(c->db);
    set = store_end(c->db, set == STORE_OK ? users_set_employee(c->db, "cli", login, row) : set);
    if (set == STORE_DONE)
        return cli_fail(EXIT_INPUT, _("user link: no user '%s' in %s"), login, c->where);
    if (set == STORE_CONSTRAINT)
        return employee_has_login(c, "user link", employee_id);
    if (set != STORE_OK)
        return cli_fail(EXIT_INTERNAL, "user link: %s", store_error(c->db));
    printf(_("user %s is the login of employee %s in %s\n"), login, employee_id, c->where);
    return EXIT_OK;
}

/* Asks whether LOGIN is to be removed from C's organisation, as org remove
 * and restore ask: EXIT_OK when the answer is yes, a failure when it is not
 * or nobody can answer (no terminal: --yes is needed). */
static int confirm_remove(cli *c, const char *login)
{
    arena a = ARENA_INIT;
    user u;
    int found = users_find(c->db, &a, login, &u, NULL);
    const char *role = found == STORE_ROW ? role_name(u.role) : NULL;
    int rc = EXIT_OK;
    /* what would be refused is not asked about first */
    int64_t admins = found == STORE_ROW && u.role == ROLE_ADMIN
                         ? users_admins_besides(c->db, login) : 1;
    if (found == STORE_DONE)
        rc = cli_fail(EXIT_INPUT, _("user remove: no user '%s' in %s"), login, c->where);
    else if (found != STORE_ROW || admins < 0)
        rc = cli_fail(EXIT_INTERNAL, "user remove: %s", store_error(c->db));
    else if (admins == 0)
        rc = only_admin(c, "remove", login);
    else if (!isatty(STDIN_FILENO))
        rc = cli_fail(EXIT_USAGE, _("user remove: this takes %s (%s) out of %s and ends their "
                                    "sessions and API tokens there; add --yes to confirm"),
                      login, role, c->where);
    else {
        int64_t others = -1;
        (void)users_elsewhere(c->db, login, &others);
        fprintf(stderr, _("This takes %s (%s) out of %s: they can no longer log in to it, and "
                          "their sessions and API tokens there end. Their employee record and "
                          "learning stay.%s Type yes to go on: "),
                login, role, c->where,
                others == 0 ? _(" It is their only organisation on this site: their login is "
                                "deleted from the site too.") : "");
        /* yes as org remove reads it: "ja", "oui" too, and not "yesterday" */
        char answer[16];
        if (!fgets(answer, sizeof answer, stdin) ||
            code_read(&vocab_yesno, answer, strcspn(answer, "\r\n")) != 0)
            rc = cli_fail(EXIT_USAGE, _("%s: nothing was changed"), "user remove");
    }
    arena_free(&a);
    return rc;
}

/* user remove: takes LOGIN out of this organisation. */
static int user_remove(cli *c)
{
    static const char *const options[] = {"--login=", "--yes", NULL};
    if (!cli_check_args(c, 2, options, 0))
        return EXIT_USAGE;
    bool bad = false, yes = false;
    const char *login = cli_option(c, "--login", &bad);
    for (int i = 2; i < c->argc; i++)
        yes |= strcmp(c->argv[i], "--yes") == 0;
    if (bad || !login || !*login)
        return cli_fail(EXIT_USAGE, _("%s: --login is required"), "user remove");
    int rc = open_org_users(c, "remove", login);
    if (rc == EXIT_OK && !yes)
        rc = confirm_remove(c, login);
    if (rc != EXIT_OK)
        return rc;
    int64_t others = -1;
    int removed = store_begin(c->db);
    removed = store_end(c->db, removed == STORE_OK ? users_remove(c->db, "cli", login, &others)
                                                   : removed);
    if (removed == STORE_DONE)
        return cli_fail(EXIT_INPUT, _("user remove: no user '%s' in %s"), login, c->where);
    if (removed == STORE_CONSTRAINT)
        return only_admin(c, "remove", login);
    if (removed != STORE_OK)
        return cli_fail(EXIT_INTERNAL, "user remove: %s", store_error(c->db));
    printf(_("user %s removed from %s; their sessions and tokens there have ended\n"), login,
           c->where);
    /* As org remove says it: on a site, a login of nobody's any more. */
    if (others == 0)
        printf(_("the login %s now belongs to no organisation of the site and is gone (user add "
                 "makes it again)\n"), login);
    return EXIT_OK;
}

int cmd_user(cli *c)
{
    if (cli_wants_help(c)) {
        print_usage(stdout);
        return EXIT_OK;
    }
    if (c->argc >= 2 && strcmp(c->argv[1], "add") == 0)
        return user_add(c);
    if (c->argc >= 2 && strcmp(c->argv[1], "token") == 0)
        return user_token(c);
    if (c->argc >= 2 && strcmp(c->argv[1], "grant") == 0)
        return user_grant(c);
    if (c->argc >= 2 && strcmp(c->argv[1], "password") == 0)
        return user_password(c);
    if (c->argc >= 2 && strcmp(c->argv[1], "role") == 0)
        return user_role(c);
    if (c->argc >= 2 && strcmp(c->argv[1], "remove") == 0)
        return user_remove(c);
    if (c->argc >= 2 && strcmp(c->argv[1], "link") == 0)
        return user_link(c);
    print_usage(stderr);
    return EXIT_USAGE;
}
