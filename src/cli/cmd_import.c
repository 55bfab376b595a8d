/* cmd_import.c - import <employees|activities|learning|funding|competences|
 * profiles|assessments|mentors> FILE. */
#include "cli/cli.h"
#include "app/certifications.h"
#include "store/import.h"
#include "util/i18n.h"
#include "util/text.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char syntax[] =
    "groeipad [--db PATH] import <employees|activities|learning|funding|\n"
    "                                    competences|profiles|assessments|mentors> FILE|-\n"
    "                                   [--replace-year Y]";
static const char help[] = N_(
    "Reads a CSV file (',' or ';', UTF-8 with or without BOM or Windows-1252, decimal\n"
    "comma or point, dates as YYYY-MM-DD or 5/03/2026, 5-3-2026, 5.03.2026) or the first\n"
    "sheet of an Excel workbook (.xlsx; line numbers are its row numbers). Codes may be\n"
    "given in Dutch or French (V, vrouw, bediende, vast, ja, ...; the import page\n"
    "lists them per kind, with a template). Every row is checked first; one bad row\n"
    "rejects the whole file and every bad row is listed (up to 100). Rows whose id\n"
    "exists are updated. For learning, --replace-year Y replaces that year's records.\n"
    "Memory stays flat for any file size: learning records are sorted in\n"
    "GROEIPAD_IMPORT_MEMORY bytes (32 MB by default), in runs written to $TMPDIR\n"
    "(else /var/tmp) beyond that; standard input is first copied there too.\n"
    "A learning file over 1 MB is read by two threads, and a second thread prepares\n"
    "the records while they are written (GROEIPAD_IMPORT_THREADS=1: one thread).");

typedef struct progress {
    struct timespec start;
    bool shown;
} progress;

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void show_progress(void *ctx, const char *name, size_t rows)
{
    progress *p = ctx;
    double s = seconds_since(&p->start);
    fputc('\r', stderr);
    fprintf(stderr, _("%s: %zu rows, %.0f rows/s   "), name, rows,
            s > 0 ? (double)rows / s : 0.0);
    p->shown = true;
}

/* Copies a stream (standard input, a pipe) into an unlinked temporary file
 * and returns its descriptor, or -1 (reported): a stream is then mapped like
 * any file, and read in flat memory whatever its size. */
static int spool_stream(int fd, const char *path)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/var/tmp";
    int out = open(dir, O_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC, 0600);
    if (out < 0) {
        cli_fail(EXIT_INTERNAL, _("%s: cannot make a temporary file in %s: %s"), path, dir,
                 cli_strerror(errno));
        return -1;
    }
    char chunk[65536];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) > 0 || (n < 0 && errno == EINTR))
        for (ssize_t done = 0; n > 0 && done < n;) {
            ssize_t w = write(out, chunk + done, (size_t)(n - done));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                cli_fail(EXIT_INTERNAL, _("%s: cannot spool to %s: %s"),
                         path, dir, cli_strerror(errno));
                close(out);
                return -1;
            }
            done += w;
        }
    if (n < 0) {
        cli_fail(EXIT_INPUT, _("%s: cannot read: %s"), path, cli_strerror(errno));
        close(out);
        return -1;
    }
    return out;
}

/* Maps FILE ("-": standard input, spooled first) privately and writably: the
 * reader unescapes in place, and the import gives back the pages it has
 * read. */
static int map_file(const char *path, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    bool is_stdin = strcmp(path, "-") == 0;
    const char *shown = is_stdin ? "stdin" : path;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return cli_fail(EXIT_INPUT, "%s: %s", path, cli_strerror(errno));
    struct stat st;
    int rc = EXIT_OK;
    if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        rc = cli_fail(EXIT_INPUT, _("%s: not a file"), shown);
    } else if (!S_ISREG(st.st_mode)) {
        int spooled = spool_stream(fd, shown);
        if (spooled < 0 || fstat(spooled, &st) != 0)
            rc = spooled < 0 ? EXIT_INTERNAL
                             : cli_fail(EXIT_INTERNAL, _("%s: cannot read"), shown);
        if (!is_stdin)
            close(fd);
        fd = spooled;
        is_stdin = false;
    }
    if (rc == EXIT_OK) {
        *len = (size_t)st.st_size;
        *data = *len ? mmap(NULL, *len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0) : NULL;
        if (*len && *data == MAP_FAILED) {
            *data = NULL;
            rc = cli_fail(EXIT_INTERNAL, _("%s: cannot read: %s"), shown, cli_strerror(errno));
        }
    }
    if (fd >= 0 && !is_stdin)
        close(fd);
    return rc;
}

static void release_file(char *data, size_t len)
{
    if (data && len)
        munmap(data, len);
}

/* GROEIPAD_IMPORT_MEMORY: the bytes an import may hold for sorting before it
 * writes sorted runs to a temporary file ($TMPDIR, else /var/tmp); 0 (the
 * default) when unset or not a number of at least 64 KB. */
static size_t sort_memory(void)
{
    const char *v = getenv("GROEIPAD_IMPORT_MEMORY");
    char *end;
    unsigned long long n = v && *v ? strtoull(v, &end, 10) : 0;
    return n >= 65536 && *end == '\0' ? (size_t)n : 0;
}

static void print_problems(const import_log *log)
{
    for (size_t i = 0; i < log->kept; i++) {
        const import_problem *p = &log->problems[i];
        fprintf(stderr, "%s:%ld: ", p->file, p->line);
        if (p->column)
            fprintf(stderr, _("column %s: "), p->column);
        if (p->value)
            fprintf(stderr, _("value '%s': "), p->value);
        fprintf(stderr, _("expected %s\n"), p->expected);
    }
    if (log->total > log->kept)
        fprintf(stderr, P_("... and %zu more problem\n", "... and %zu more problems\n",
                           log->total - log->kept),
                log->total - log->kept);
    fprintf(stderr, P_("groeipad: nothing was imported: %zu problem found\n",
                       "groeipad: nothing was imported: %zu problems found\n", log->total),
            log->total);
}

/* Prints what an import of FILE did (without a newline): the rows, then
 * each count in its own plural form (French says "1 créée", "2 créées"), and
 * with REPLACED the records --replace-year took away. */
static void print_counts(const char *file, const import_counts *k, bool replaced)
{
    char rows[64], created[64], updated[64], unchanged[64];
    snprintf(rows, sizeof rows, P_("%zu row", "%zu rows", k->rows), k->rows);
    snprintf(created, sizeof created, P_("%zu created", "%zu created", k->created), k->created);
    snprintf(updated, sizeof updated, P_("%zu updated", "%zu updated", k->updated), k->updated);
    snprintf(unchanged, sizeof unchanged, P_("%zu unchanged", "%zu unchanged", k->unchanged),
             k->unchanged);
    /* TRANSLATORS: the file, its rows, then what became of them */
    printf(_("%s: %s: %s, %s, %s"), file, rows, created, updated, unchanged);
    if (replaced)
        printf(P_(", %lld replaced", ", %lld replaced", (unsigned long)k->deleted),
               (long long)k->deleted);
    if (k->matched) /* only then: the usual line keeps its shape */
        printf(P_("; %zu department or function name matched to the spelling already known",
                  "; %zu department or function names matched to the spelling already known",
                  k->matched),
               k->matched);
}

/* Warns (on stderr) about target_functions names no employee has. */
static void warn_unknown_targets(store *db, arena *a)
{
    cert_unknown_target *list;
    size_t n;
    if (cert_unknown_targets(db, a, &list, &n) != STORE_OK)
        return;
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, _("warning: activity %s: no employee has the function '%s' "
                          "(target_functions)\n"),
                list[i].activity_code, list[i].function);
}

int cmd_import(cli *c)
{
    if (cli_wants_help(c)) {
        cli_print_usage(stdout, syntax);
        printf("\n%s\n", _(help));
        return EXIT_OK;
    }
    static const char *const options[] = {"--replace-year=", NULL};
    if (!cli_check_args(c, 1, options, 2))
        return EXIT_USAGE;
    const char *words[2] = {NULL, NULL};
    for (int i = 1, n = 0; i < c->argc; i++) {
        if (strncmp(c->argv[i], "--replace-year", 14) == 0) {
            i += c->argv[i][14] == '\0';
            continue;
        }
        words[n++] = c->argv[i];
    }
    int kind = words[0] ? import_kind_find(words[0]) : -1;
    static const char *const kinds[] = {"employees", "activities", "learning", "funding",
                                        "competences", "profiles", "assessments", "mentors",
                                        NULL};
    const char *meant = words[0] && kind < 0 ? text_closest(words[0], kinds) : NULL;
    if (meant)
        return cli_fail(EXIT_USAGE, _("import: there is nothing called '%s' to import; did you "
                                      "mean '%s'?"), words[0], meant);
    if (kind < 0 || !words[1])
        return cli_fail(EXIT_USAGE, _("import: say what and from which file, e.g. 'import "
                                      "employees staff.csv' (employees, activities, learning, "
                                      "funding, competences, profiles, assessments, mentors)"));
    bool bad = false;
    const char *year_text = cli_option(c, "--replace-year", &bad);
    int year = 0;
    if (year_text) {
        char *end;
        long y = strtol(year_text, &end, 10);
        if (*end || y < 1990 || y > 2199 || kind != IMPORT_LEARNING)
            return cli_fail(EXIT_USAGE,
                            _("import: --replace-year takes a year, for learning only"));
        year = (int)y;
    }
    import_input in = {(import_kind)kind, words[1], NULL, 0, true};
    int rc = map_file(words[1], &in.data, &in.len);
    if (rc != EXIT_OK)
        return rc;
    if ((rc = cli_open(c, true)) != EXIT_OK) {
        release_file(in.data, in.len);
        return rc;
    }
    progress prog;
    clock_gettime(CLOCK_MONOTONIC, &prog.start);
    prog.shown = false;
    const char *threads = getenv("GROEIPAD_IMPORT_THREADS");
    import_options opt = {"cli", year, 0, isatty(STDERR_FILENO) ? show_progress : NULL, &prog,
                          sort_memory(), threads && strcmp(threads, "1") == 0};
    arena a = ARENA_INIT;
    import_log log;
    import_log_init(&log, &a);
    import_counts counts[IMPORT_KINDS];
    str err = STR_INIT;
    int result = import_run(c->db, &in, 1, &opt, &log, counts, &err);
    if (prog.shown)
        fputc('\n', stderr);
    if (result == IMPORT_DONE) {
        const import_counts *k = &counts[kind];
        double s = seconds_since(&prog.start);
        print_counts(words[1], k, year != 0);
        printf(" (%.2f s)\n", s);
        rc = EXIT_OK;
        if (kind == IMPORT_ACTIVITIES)
            warn_unknown_targets(c->db, &a);
        if (k->repeated > 0)
            fprintf(stderr, P_("warning: %lld record was stored already (the same person, start "
                               "date, activity and hours) and now counts twice; a file imported "
                               "again replaces its year with --replace-year YEAR\n",
                               "warning: %lld records were stored already (the same person, "
                               "start date, activity and hours) and now count twice; a file "
                               "imported again replaces its year with --replace-year YEAR\n",
                               (unsigned long)k->repeated),
                    (long long)k->repeated);
    } else if (result == IMPORT_REJECTED) {
        print_problems(&log);
        rc = EXIT_INPUT;
    } else {
        rc = cli_fail(EXIT_INTERNAL, "import: %s", str_cstr(&err));
    }
    str_free(&err);
    arena_free(&a);
    release_file(in.data, in.len);
    return rc;
}
