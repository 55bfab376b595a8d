/* cli.c - what every command shares: opening the database, options, errors. */
#include "cli/cli.h"
#include "util/i18n.h"
#include "util/text.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The columns TEXT takes on a terminal: its UTF-8 characters (the usage
 * word of every language groeipad speaks is one column per character). */
static int columns_of(const char *text)
{
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        n += (*p & 0xc0) != 0x80;
    return n;
}

void cli_print_usage(FILE *out, const char *syntax)
{
    const char *word = _("usage:");
    int shift = columns_of(word) - (int)strlen("usage:");
    fprintf(out, "%s ", word);
    for (const char *line = syntax; *line;) {
        size_t len = strcspn(line, "\n");
        if (line != syntax) { /* a further line: moved by SHIFT columns */
            size_t spaces = strspn(line, " ");
            size_t drop = shift < 0 ? (size_t)-shift : 0;
            if (drop > spaces)
                drop = spaces;
            fprintf(out, "%*s", shift > 0 ? shift : 0, "");
            line += drop;
            len -= drop;
        }
        fwrite(line, 1, len, out);
        fputc('\n', out);
        line += len;
        if (*line == '\n')
            line++;
    }
}

int cli_fail(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("groeipad: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return status;
}

size_t cli_option_name(const char *arg, char *name, size_t n)
{
    size_t len = strcspn(arg, "=");
    snprintf(name, n, "%.*s", (int)(len < n ? len : n - 1), arg);
    return len;
}

int cli_print_output(const str *out, const char *command)
{
    if (!str_ok(out) || fwrite(out->p ? out->p : "", 1, out->len, stdout) != out->len ||
        fflush(stdout) != 0)
        return cli_fail(EXIT_INTERNAL, _("%s: cannot write the output"), command);
    return EXIT_OK;
}

const char *cli_strerror(int err)
{
    switch (err) {
    case ENOENT: return _("No such file or directory");
    case EACCES: return _("Permission denied");
    case EISDIR: return _("Is a directory");
    case ENOSPC: return _("No space left on device");
    default: return strerror(err);
    }
}

/* See cli.h. 0 leaves SQLite's own reason to be said. A CSV given as --db
 * is the common 4. */
int cli_path_trouble(const char *path, char *buf, size_t n)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return 3;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        static const char magic[16] = "SQLite format 3"; /* with its NUL */
        char head[16];
        FILE *f = fopen(path, "rb");
        size_t got = f ? fread(head, 1, sizeof head, f) : 0;
        if (f)
            fclose(f);
        return f && (got < sizeof head || memcmp(head, magic, sizeof head) != 0) ? 4 : 0;
    }
    const char *slash = strrchr(path, '/');
    int len = !slash ? 1 : slash == path ? 1 : (int)(slash - path);
    if (snprintf(buf, n, "%.*s", len, slash ? path : ".") >= (int)n)
        return 0;
    if (access(buf, F_OK) != 0)
        return errno == ENOENT ? 1 : 0; /* else a folder above it cannot be searched */
    if (access(path, F_OK) != 0 && errno == ENOENT && access(buf, W_OK) != 0)
        return 2;
    return 0;
}

int cli_connect(cli *c)
{
    str err = STR_INIT;
    if (store_open_org(c->target, c->org, &c->db, &err) != STORE_OK) {
        char folder[4096];
        int why = strstr(c->target, "://") ? 0 : cli_path_trouble(c->target, folder, sizeof folder);
        int rc = why == 1 ? cli_fail(EXIT_INTERNAL, _("%s: the folder %s does not exist (make "
                                                      "it first, or choose another --db)"),
                                     c->target, folder)
                 : why == 2 ? cli_fail(EXIT_INTERNAL, _("%s: you may not write in the folder %s"),
                                       c->target, folder)
                 : why == 3 ? cli_fail(EXIT_INTERNAL, _("%s is a folder: give the database "
                                                        "file, such as %s/groeipad.db"),
                                       c->target, c->target)
                 : why == 4 ? cli_fail(EXIT_INTERNAL, _("%s is not a groeipad database (not an "
                                                        "SQLite file): give the database with "
                                                        "--db, and a file to import after the "
                                                        "command"),
                                       c->target)
                            : cli_fail(EXIT_INTERNAL, "%s", str_cstr(&err));
        str_free(&err);
        return rc;
    }
    return EXIT_OK;
}

int cli_open(cli *c, bool create)
{
    if (!create && strstr(c->target, "://") == NULL && access(c->target, F_OK) != 0)
        return cli_fail(EXIT_INTERNAL, _("no database at %s (create one with 'groeipad init')"),
                        c->target);
    if (strstr(c->target, "://") && !c->org)
        return cli_fail(EXIT_USAGE, _("a PostgreSQL site holds many organisations: name one "
                                      "with --org SLUG ('groeipad --pg URL org list')"));
    int rc = cli_connect(c);
    if (rc != EXIT_OK)
        return rc;
    int applied;
    if (store_migrate(c->db, &applied) != STORE_OK) {
        rc = cli_fail(EXIT_INTERNAL, "%s: %s", c->where, store_error(c->db));
        cli_close(c);
        return rc;
    }
    return EXIT_OK;
}

void cli_close(cli *c)
{
    store_close(c->db);
    c->db = NULL;
}

bool cli_wants_help(const cli *c)
{
    for (int i = 1; i < c->argc; i++)
        if (strcmp(c->argv[i], "--help") == 0 || strcmp(c->argv[i], "-h") == 0)
            return true;
    return false;
}

const char *cli_option(const cli *c, const char *name, bool *bad)
{
    size_t n = strlen(name);
    for (int i = 1; i < c->argc; i++) {
        if (strcmp(c->argv[i], name) == 0) {
            if (i + 1 < c->argc)
                return c->argv[i + 1];
            *bad = true;
            return NULL;
        }
        if (strncmp(c->argv[i], name, n) == 0 && c->argv[i][n] == '=')
            return c->argv[i] + n + 1;
    }
    return NULL;
}

/* Refuses option A of C's command, which is none of OPTIONS ("--year=" for
 * one that takes a value), naming the one it was likely meant to be. */
static void unknown_option(const cli *c, const char *a, const char *const *options)
{
    enum { MAX_OPTIONS = 32, MAX_NAME = 40 };
    char names[MAX_OPTIONS][MAX_NAME];
    const char *choices[MAX_OPTIONS + 1];
    size_t n = 0;
    for (const char *const *o = options; *o && n < MAX_OPTIONS; o++) {
        size_t len = strcspn(*o, "=");
        if (len >= MAX_NAME)
            continue;
        memcpy(names[n], *o, len);
        names[n][len] = '\0';
        choices[n] = names[n];
        n++;
    }
    choices[n] = NULL;
    /* Only the option's name is said, never a value given with '=' (it
     * may be a password); "--yaer=2026" is compared as "--yaer". */
    char typed[MAX_NAME];
    size_t len = cli_option_name(a, typed, sizeof typed);
    static const char *const global[][2] = {
        {"--db", "--db PATH"}, {"--pg", "--pg URL"}, {"--org", "--pg URL --org SLUG"}};
    for (size_t g = 0; g < sizeof global / sizeof *global; g++)
        if (strcmp(typed, global[g][0]) == 0) {
            cli_fail(EXIT_USAGE, _("%s: %s comes before the command: groeipad %s %s ..."),
                     c->argv[0], typed, global[g][1], c->argv[0]);
            return;
        }
    const char *meant = len < sizeof typed ? text_closest(typed, choices) : NULL;
    if (meant)
        cli_fail(EXIT_USAGE, _("%s: unknown option '%s'; did you mean '%s'? (see 'groeipad %s "
                               "--help')"),
                 c->argv[0], typed, meant, c->argv[0]);
    else
        cli_fail(EXIT_USAGE, _("%s: unknown option '%s' (see 'groeipad %s --help')"),
                 c->argv[0], typed, c->argv[0]);
}

bool cli_check_args(const cli *c, int first, const char *const *options, int max_positional)
{
    int positional = 0;
    for (int i = first; i < c->argc; i++) {
        const char *a = c->argv[i];
        if (a[0] != '-' || strcmp(a, "-") == 0) {
            if (++positional > max_positional) {
                cli_fail(EXIT_USAGE, _("%s: unexpected argument '%s'"), c->argv[0], a);
                return false;
            }
            continue;
        }
        bool known = false;
        for (const char *const *o = options; *o && !known; o++) {
            size_t n = strlen(*o);
            bool takes_value = (*o)[n - 1] == '=';
            size_t name_len = takes_value ? n - 1 : n;
            if (strncmp(a, *o, name_len) != 0)
                continue;
            if (a[name_len] == '\0') {
                known = true;
                if (takes_value) {
                    if (i + 1 >= c->argc) {
                        cli_fail(EXIT_USAGE, _("%s: %s needs a value"), c->argv[0], a);
                        return false;
                    }
                    i++;
                }
            } else if (takes_value && a[name_len] == '=') {
                known = true;
            }
        }
        if (!known) {
            unknown_option(c, a, options);
            return false;
        }
    }
    return true;
}
