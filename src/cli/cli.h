/* cli.h - the command line: one function per command, one exit convention. */
#ifndef GP_CLI_H
#define GP_CLI_H
#include <stdbool.h>
#include <stdio.h>
#include "store/data.h"

/* Exit statuses (DESIGN §4). */
enum {
    EXIT_OK = 0,
    EXIT_INPUT = 1,    /* bad input: a message names file, line and column */
    EXIT_USAGE = 2,
    EXIT_INTERNAL = 3  /* internal or storage error */
};

typedef struct cli {
    const char *target; /* database path or PostgreSQL URL */
    const char *org;    /* --org: the organisation of a PostgreSQL site, or NULL */
    const char *where;  /* how messages name the database (never the URL, which
                         * may hold a password) */
    int argc;           /* the command's own arguments, argv[0] its name */
    char **argv;
    store *db;          /* opened by cli_open */
} cli;

/* Opens the database; CREATE allows a new file (and migrates it). An
 * existing database is migrated to the current schema. EXIT_OK or a status. */
int cli_open(cli *c, bool create);
void cli_close(cli *c);
/* True when the command's arguments ask for --help. */
bool cli_wants_help(const cli *c);
/* What errno ERR means, in this run's language for the ones a person
 * meets most (no such file, no permission, a directory, a full disk; their
 * msgids are the C library's English words), else the C library's text. */
const char *cli_strerror(int err);
/* Why the file PATH cannot be opened or made, in words a user can act on:
 * 1 its folder does not exist, 2 that folder may not be written in (for a
 * file still to be made), 3 PATH is a folder, 4 PATH is a file but no
 * SQLite database; 0 otherwise. The folder's name is put in BUF (size N). */
int cli_path_trouble(const char *path, char *buf, size_t n);
/* Prints "usage:" in this run's language, then SYNTAX (the command as typed,
 * one line or several), on OUT. SYNTAX's further lines are indented for the
 * English "usage: "; they move by as many columns as the word is wider or
 * narrower in this language ("gebruik:", "utilisation :"), so that they
 * stay under the first line's. */
void cli_print_usage(FILE *out, const char *syntax);
/* Prints "groeipad: MESSAGE" on stderr and returns STATUS. */
int cli_fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Writes OUT (the whole of a command's output, built in memory) to stdout,
 * then flushes it: EXIT_OK, or EXIT_INTERNAL after saying that COMMAND
 * could not write it (a full disk, a closed pipe) or OUT ran out of memory. */
int cli_print_output(const str *out, const char *command);
/* The name of option ARG as typed, without a value given with '='
 * ("--yaer=2026" is "--yaer"), in NAME (N bytes, cut to fit): what a
 * message about it may show, never the value (a URL or a password). Its
 * length before any cut. */
size_t cli_option_name(const char *arg, char *name, size_t n);
/* The value after option NAME (e.g. "--format"), or NULL; *bad set when the
 * option is present without a value. */
const char *cli_option(const cli *c, const char *name, bool *bad);
/* Checks that every argument from index FIRST is a known option (OPTIONS:
 * NULL-terminated, those ending in '=' take a value) or one of at most
 * MAX_POSITIONAL plain words; false after printing what is wrong. */
bool cli_check_args(const cli *c, int first, const char *const *options, int max_positional);

int cmd_init(cli *c);
int cmd_demo(cli *c);
int cmd_serve(cli *c);
int cmd_settings(cli *c);
int cmd_user(cli *c);
int cmd_export(cli *c);
int cmd_import(cli *c);
int cmd_report(cli *c);
int cmd_backup(cli *c);
int cmd_restore(cli *c);
int cmd_incentives(cli *c);
int cmd_org(cli *c);
/* Opens C's database (store_open_org) into c->db; EXIT_OK or a status after
 * the message. */
int cli_connect(cli *c);
/* cmd_certifications.c: report certifications, and the reminders command. */
int cmd_report_certifications(cli *c);
int cmd_reminders(cli *c);
int cmd_mail(cli *c);

/* demo.c: fills an empty database with the demo organisation as it stands
 * on TODAY (newcomers, this year's learning and plans are placed relative to
 * it). */
int demo_fill(store *db, date_t today, str *err);
/* The argon2id hash of the demo password PASSWORD, one made once and kept
 * in demo.c (the demo's passwords are published); NULL for a password that
 * is not the demo's. */
const char *demo_hash(const char *password);
/* Adds a demo login with its PASSWORD (HASH made of it), ROLE (a role's
 * name) and EMPLOYEE (a number or NULL). On a PostgreSQL site where another
 * demo organisation made the login (its password is the demo's), that
 * person gets this organisation too; a login of the site with another
 * password is somebody's own and is left alone (demo_login_works says
 * which logins the demo has). */
int demo_login_add(store *db, const char *login, const char *password, const char *hash,
                   const char *role, const char *employee_number);
/* 1 when the demo login LOGIN with PASSWORD opens the organisation DB
 * serves (always on a SQLite file, where the demo makes every login), 0
 * when a site's own login of that name was left alone, -1 on error. */
int demo_login_works(store *db, const char *login, const char *password);
/* demo_onboarding.c: the demo's mentors, trajectories, reviews, communities
 * of practice and job rotation, inside demo_fill's transaction. */
int demo_onboarding(store *db, date_t today, str *err);
/* demo_evaluation.c: the demo's certifications and evaluation (issue 13),
 * inside demo_fill's transaction. */
int demo_evaluation(store *db, date_t today, str *err);
/* demo_certs.c: the demo's sessions held and evaluated (reaction per
 * session and trainer), inside demo_fill's transaction. */
int demo_certs(store *db, date_t today, str *err);
/* demo_sessions.c: the demo's training sessions and enrolments (inside
 * demo_fill's transaction). */
int demo_sessions(store *db, date_t today, str *err);
/* demo_incentives.c: this school year's training leave and the year's
 * incentive claims of the demo organisation, as on TODAY. */
int demo_incentives(store *db, date_t today, str *err);
/* The demo logins, for printing: login, password, role, what they see. */
typedef struct demo_login {
    const char *login, *password, *role, *about;
} demo_login;
extern const demo_login demo_logins[];
/* The newcomer's login, made with the onboarding part of the demo. */
extern const demo_login demo_newcomer;
/* demo_competences.c: the demo's competences, profiles, assessments, needs
 * and development plans, inside demo_fill's transaction. */
int demo_competences(store *db, date_t today, str *err);

#endif
