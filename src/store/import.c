/* import.c - see import.h. */
#include "store/import.h"
#include "store/import_job.h"
#include "core/formats.h"
#include "store/data.h"
#include "store/competences.h"
#include "store/onboarding.h"
#include "store/row_images.h"
#include "util/decimal.h"
#include "util/i18n.h"
#include "util/locale_fmt.h"
#include "util/map.h"
#include "util/text.h"
#include "util/xlsx_read.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int add_employee(void *ctx, const char *id, int64_t row, date_t hire, date_t exit)
{
    known *k = ctx;
    if (k->nemp == k->capemp) {
        size_t cap = k->capemp ? k->capemp * 2 : 1024;
        void *p = realloc(k->emp, cap * sizeof *k->emp);
        if (!p)
            return -1;
        k->emp = p;
        k->capemp = cap;
    }
    k->emp[k->nemp] = (struct known_employee){row, hire, exit};
    return map_put(&k->employees, id, strlen(id), (int64_t)k->nemp++) ? 0 : -1;
}

static int add_activity(void *ctx, const char *code, int64_t row, int type)
{
    known *k = ctx;
    if (k->nact == k->capact) {
        size_t cap = k->capact ? k->capact * 2 : 256;
        void *p = realloc(k->act, cap * sizeof *k->act);
        if (!p)
            return -1;
        k->act = p;
        k->capact = cap;
    }
    k->act[k->nact] = (struct known_activity){row, type};
    return map_put(&k->activities, code, strlen(code), (int64_t)k->nact++) ? 0 : -1;
}

/* Loads the employees and activities the database has into K; STORE_ERROR
 * on failure (K is freed by known_free either way). */
int known_load(store *db, known *k)
{
    int rc = employees_each_brief(db, add_employee, k);
    return rc == STORE_OK ? activities_each_brief(db, add_activity, k) : rc;
}

void known_free(known *k)
{
    map_free(&k->employees);
    map_free(&k->activities);
    free(k->emp);
    free(k->act);
}

/* Gives the pages of a mapped input before OFFSET back to the system, 16 MB
 * at a time, so that reading a file of any size keeps memory flat. Only
 * pages the reader is done with: a page given back reads again from the
 * file, without the reader's in-place unescaping. */
void import_release_read(char *base, size_t *released, size_t offset)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t upto = offset / page * page;
    if (!base || upto < *released + RELEASE_EVERY)
        return;
    madvise(base + *released, upto - *released, MADV_DONTNEED);
    *released = upto;
}

/* utf8_valid over the whole input, giving back what it has read when the
 * input is a mapped file. */
static bool input_is_utf8(const import_input *in)
{
    size_t at = 0, released = 0;
    while (at < in->len) {
        size_t end = in->len - at > RELEASE_EVERY ? at + RELEASE_EVERY : in->len;
        while (end < in->len && ((unsigned char)in->data[end] & 0xC0) == 0x80)
            end--; /* never split a character */
        if (end == at || !utf8_valid(in->data + at, end - at))
            return false;
        at = end;
        import_release_read(in->releasable ? in->data : NULL, &released, at);
    }
    return true;
}

static void count(job *j, int outcome)
{
    if (outcome == UPSERT_CREATED)
        j->counts->created++;
    else if (outcome == UPSERT_UPDATED)
        j->counts->updated++;
    else
        j->counts->unchanged++;
}

/* True when every field of the current record is empty or blank: Excel
 * writes such rows (";;;;") below the data. */
static bool blank_record(const csv_reader *r)
{
    for (size_t f = 0; f < r->nfields; f++)
        for (size_t i = 0; i < r->fields[f].len; i++)
            if (r->fields[f].p[i] != ' ' && r->fields[f].p[i] != '\t')
                return false;
    return true;
}

/* Reads the next row that holds something; 1, 0 at the end, -1 when the file
 * is malformed. */
int import_next_row(job *j, const char *name)
{
    arena_reset(&j->rowmem);
    import_release_read(j->release_base, &j->released, j->r.pos); /* the rows before are done */
    int rc;
    while ((rc = csv_next(&j->r)) > 0 && blank_record(&j->r))
        ;
    if (rc < 0) {
        import_problem_add(j->log, j->r.record_line, NULL, NULL, 0, "%s", _(j->r.error));
        j->writing = false;
        return -1;
    }
    if (rc > 0 && ++j->counts->rows % PROGRESS_EVERY == 0 && j->opt->progress)
        j->opt->progress(j->opt->ctx, name, j->counts->rows);
    return rc;
}

/* Notes KEY (of COLUMN) as used on the current line of J's file, or, when an
 * earlier line used it, logs MESSAGE (taking that line's number) and clears
 * *OK. STORE_ERROR when out of memory. */
static int first_use(job *j, map *seen, const char *column, const char *key,
                     const char *message, bool *ok)
{
    int64_t first;
    if (!key)
        return STORE_OK;
    if (map_get(seen, key, strlen(key), &first)) {
        import_problem_add(j->log, j->r.record_line, column, key, strlen(key), message,
                           (long long)first);
        *ok = false;
        return STORE_OK;
    }
    return map_put(seen, key, strlen(key), j->r.record_line) ? STORE_OK : STORE_ERROR;
}

/* A column of a file's kind and the index of its value in a row image. */
typedef struct column_value {
    int column, value;
} column_value;

/* The most values a row image of an import holds (an employee's). */
#define MOST_VALUES EMPLOYEE_VALUES

/* Gives each value of V (N values, a file's row) whose column among the N_COLS
 * of COLS the header H lacks the value of the stored row AT of STORED: a
 * column the file leaves out keeps what is stored, where a column the file
 * has with an empty cell still empties it. V then points into STORED, valid
 * until the next row_images_add to it. */
static void keep_absent(const import_header *h, const row_images *stored, long at,
                        const column_value *cols, size_t n_cols, const char **v, int n)
{
    const char *before[MOST_VALUES];
    if (at < 0 || n > MOST_VALUES || stored->rows[at].len == 0)
        return; /* a new row: the defaults stand */
    row_images_values(stored, (size_t)at, before, n);
    for (size_t i = 0; i < n_cols; i++)
        if (h->field_of[cols[i].column] < 0)
            v[cols[i].value] = before[cols[i].value];
}

/* The optional columns of an employee file and their values. */
static const column_value employee_optional[] = {
    {EC_EMAIL, 3}, {EC_EXIT_DATE, 7}, {EC_BORN_ABROAD, 14}, {EC_DISABILITY, 15}, {EC_SHIFT, 16}};

/* A manager link to make once every employee of the file is in. */
typedef struct manager_link {
    const char *employee_id, *manager_id;
    long line;
    int outcome;
} manager_link;

static int cache_employee(void *ctx, const char *id, int64_t row, date_t hire, date_t exit)
{
    (void)hire, (void)exit;
    return map_put(ctx, id, strlen(id), row) ? 0 : -1;
}

/* The names of a department or function table, by spelling: every stored
 * name in EXACT, and in KEYS by its text_name_key (names that differ only
 * in letter case and surrounding spaces are one; when the table holds
 * several such spellings already, the first stored, the lowest row, wins).
 * Departments and functions are few: this is read once per file. */
typedef struct name_cache {
    map exact, keys;
    str key;          /* the last key made */
} name_cache;

#define NAME_CACHE_INIT {MAP_INIT, MAP_INIT, STR_INIT}

static void name_cache_free(name_cache *c)
{
    map_free(&c->exact);
    map_free(&c->keys);
    str_free(&c->key);
}

static int cache_names(store *db, arena *a, name_cache *c,
                       int (*list)(store *, arena *, group_count **, size_t *))
{
    group_count *names;
    size_t n;
    int64_t first;
    if (list(db, a, &names, &n) != STORE_OK)
        return STORE_ERROR;
    for (size_t i = 0; i < n; i++) {
        const char *name = names[i].name;
        if (!map_put(&c->exact, name, strlen(name), names[i].count) ||
            !text_name_key(name, strlen(name), &c->key))
            return STORE_ERROR;
        if (map_get(&c->keys, c->key.p, c->key.len, &first) && first < names[i].count)
            continue;
        if (!map_put(&c->keys, c->key.p, c->key.len, names[i].count))
            return STORE_ERROR;
    }
    return STORE_OK;
}

/* The row id in C of NAME as spelled, or of the name it matches by its
 * text_name_key (*matched then counts one more spelling matched to an
 * existing one: once per spelling, not per row); false when neither is
 * known. Folding is done once per distinct spelling: the spelling is kept
 * in C->exact afterwards. */
static bool known_name(name_cache *c, const char *name, int64_t *id, size_t *matched,
                       int *rc)
{
    *rc = STORE_OK;
    if (map_get(&c->exact, name, strlen(name), id))
        return true;
    if (!text_name_key(name, strlen(name), &c->key)) {
        *rc = STORE_ERROR;
        return false;
    }
    if (!map_get(&c->keys, c->key.p, c->key.len, id))
        return false;
    if (!map_put(&c->exact, name, strlen(name), *id))
        *rc = STORE_ERROR;
    (*matched)++;
    return true;
}

/* The row id of NAME in C, created through ENSURE when new (spelled as
 * this first use spells it, trimmed by the import's reading). */
static int cached_name(store *db, name_cache *c, const char *name,
                       int (*ensure)(store *, const char *, int64_t *), int64_t *id,
                       size_t *matched)
{
    int rc;
    if (known_name(c, name, id, matched, &rc) || rc != STORE_OK)
        return rc;
    /* known_name left NAME's key in c->key */
    if (ensure(db, name, id) != STORE_OK || !map_put(&c->keys, c->key.p, c->key.len, *id) ||
        !map_put(&c->exact, name, strlen(name), *id))
        return STORE_ERROR;
    return STORE_OK;
}

/* What an employee import knows of the database: the stored employees as
 * their values (then also the new ones, without), and the names. */
typedef struct employee_state {
    row_images stored;   /* by employee_id; extra: the manager's row */
    size_t nstored;      /* rows before this file's new ones */
    row_images updates;  /* the changed employees' new values, written last */
    name_cache departments, functions;
} employee_state;

static int keep_stored(void *ctx, int64_t row, int64_t manager_row, const char *const *values)
{
    row_images *ri = ctx;
    return row_images_add(ri, values[0], row, manager_row, values, EMPLOYEE_VALUES) ? 0 : -1;
}

/* Writes the employee E of the file (new: at once; changed: kept in
 * st->updates for later, so that the new rows stream together); *outcome
 * says which. Nothing is asked of the database but new names' rows. */
static int write_employee(job *j, employee_state *st, const employee *e, int *outcome)
{
    int64_t dept, func, row;
    employee_values v;
    int rc;
    if ((rc = cached_name(j->db, &st->departments, e->department, departments_ensure, &dept,
                          &j->counts->matched)) != STORE_OK ||
        (rc = cached_name(j->db, &st->functions, e->function, functions_ensure, &func,
                          &j->counts->matched)) != STORE_OK)
        return rc;
    employee_values_of(e, dept, func, &v);
    long at = row_images_find(&st->stored, e->employee_id);
    keep_absent(&j->h, &st->stored, at, employee_optional,
                sizeof employee_optional / sizeof *employee_optional, v.v, EMPLOYEE_VALUES);
    /* A kept exit date (ISO text, so compared as text) still follows the hire date. */
    if (j->h.field_of[EC_EXIT_DATE] < 0 && v.v[7] && strcmp(v.v[6], v.v[7]) > 0) {
        /* the value as the file has it, the stored date as the reader
         * writes dates (30/06/2026 in Dutch) */
        char exit_[FMT_SIZE];
        date_t x;
        bool shown = date_parse(v.v[7], strlen(v.v[7]), &x) &&
                     fmt_date(i18n_lang(), x, exit_, sizeof exit_);
        int at_hire = j->h.field_of[EC_HIRE_DATE];
        const csv_field *given = at_hire >= 0 && (size_t)at_hire < j->r.nfields
                                     ? &j->r.fields[at_hire] : NULL;
        import_problem_add(j->log, j->r.record_line, "hire_date", given ? given->p : v.v[6],
                           given ? given->len : strlen(v.v[6]),
                           _("a date on or before the exit_date already stored (%s)"),
                           shown ? exit_ : v.v[7]);
        j->writing = false;
        *outcome = UPSERT_UNCHANGED;
        return STORE_OK;
    }
    if (at < 0) {
        *outcome = UPSERT_CREATED;
        if ((rc = employees_insert_values(j->db, v.v, &row)) != STORE_OK)
            return rc;
        return row_images_add(&st->stored, e->employee_id, row, 0, NULL, 0) ? STORE_OK
                                                                             : STORE_ERROR;
    }
    if (row_images_same(&st->stored, (size_t)at, v.v, EMPLOYEE_VALUES)) {
        *outcome = UPSERT_UNCHANGED;
        return STORE_OK;
    }
    *outcome = UPSERT_UPDATED;
    return row_images_add(&st->updates, e->employee_id, st->stored.rows[at].row, 0, v.v,
                          EMPLOYEE_VALUES)
               ? STORE_OK
               : STORE_ERROR;
}

/* Checks and makes the file's manager links, once every employee is in;
 * a link that changes makes an unchanged employee updated. A file without
 * the manager_id column leaves every stored link as it is. */
static int link_managers(job *j, employee_state *st, const map *seen, manager_link *links,
                         size_t nlinks)
{
    int rc = STORE_OK;
    bool begun = false; /* the temporary table is made at the first change */
    if (j->h.field_of[EC_MANAGER_ID] < 0)
        return STORE_OK;
    for (size_t i = 0; rc == STORE_OK && i < nlinks; i++) {
        manager_link *l = &links[i];
        int64_t line;
        long m = l->manager_id ? row_images_find(&st->stored, l->manager_id) : -1;
        if (l->manager_id && m < 0 && !map_get(seen, l->manager_id, strlen(l->manager_id), &line)) {
            j->writing = false;
            import_problem_add(j->log, l->line, "manager_id", l->manager_id,
                               strlen(l->manager_id), "%s",
                               _("the employee_id of someone in this file or already known"));
        } else if (j->writing) {
            row_image *e = &st->stored.rows[row_images_find(&st->stored, l->employee_id)];
            int64_t mrow = m >= 0 ? st->stored.rows[m].row : 0;
            if (e->extra == mrow)
                continue;
            if (!begun) {
                rc = employees_manager_changes_begin(j->db);
                begun = rc == STORE_OK;
            }
            if (rc == STORE_OK)
                rc = employees_manager_change_add(j->db, e->row, mrow);
            if (l->outcome == UPSERT_UNCHANGED)
                l->outcome = UPSERT_UPDATED;
        }
    }
    return rc == STORE_OK && begun && j->writing ? employees_manager_changes_apply(j->db) : rc;
}

/* A stored employee by its row: where its values are in the stored images. */
typedef struct stored_row {
    int64_t row;
    size_t at;
} stored_row;

/* What a manager-cycle check reads: the file's links, found through the
 * file's employee_ids (SEEN: employee_id -> line; the links are in line
 * order), and the stored employees by row, sorted at the first need (a
 * file that names every employee never needs them). */
typedef struct manager_graph {
    const employee_state *st;
    const map *seen;
    const manager_link *links;
    size_t nlinks;
    stored_row *by_row; /* NULL until needed */
    bool failed;        /* out of memory */
} manager_graph;

static int by_row_order(const void *a, const void *b)
{
    const stored_row *x = a, *y = b;
    return (x->row > y->row) - (x->row < y->row);
}

/* G's stored employees sorted by row; false (and G->failed) when out of memory. */
static bool stored_by_row(manager_graph *g)
{
    size_t n = g->st->nstored;
    if (g->by_row)
        return true;
    if (!(g->by_row = malloc((n ? n : 1) * sizeof *g->by_row))) {
        g->failed = true;
        return false;
    }
    for (size_t i = 0; i < n; i++)
        g->by_row[i] = (stored_row){g->st->stored.rows[i].row, i};
    qsort(g->by_row, n, sizeof *g->by_row, by_row_order);
    return true;
}

/* The file's link of employee ID, NULL when the file has no row for ID. */
static const manager_link *link_of(const manager_graph *g, const char *id)
{
    int64_t line;
    size_t lo = 0, hi = g->nlinks;
    if (!map_get(g->seen, id, strlen(id), &line))
        return NULL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (g->links[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < g->nlinks && g->links[lo].line == line ? &g->links[lo] : NULL;
}

/* The employee_id of ID's manager once the file is in: the file's when it
 * has a row for ID, else the stored one; NULL for none. */
static const char *manager_after(manager_graph *g, const char *id)
{
    const manager_link *l = link_of(g, id);
    const char *v[1];
    if (l)
        return l->manager_id;
    long at = row_images_find(&g->st->stored, id);
    if (at < 0 || (size_t)at >= g->st->nstored || g->st->stored.rows[at].extra <= 0 ||
        !stored_by_row(g))
        return NULL;
    stored_row want = {g->st->stored.rows[at].extra, 0};
    const stored_row *m = bsearch(&want, g->by_row, g->st->nstored, sizeof *g->by_row,
                                  by_row_order);
    if (!m)
        return NULL;
    row_images_values(&g->st->stored, m->at, v, 1); /* the first value: its employee_id */
    return v[0];
}

/* What mark_manager_cycles knows of an employee: a value >= 0 is its place
 * on the walk under way. */
enum { WALK_CLEAR = -1, WALK_ON_CYCLE = -2 };

/* Follows the managers from START, noting each employee's place on the walk
 * in STATE, until the top, an employee an earlier walk ended in, or one of
 * this walk (a cycle: those from its place on are marked WALK_ON_CYCLE; a
 * self-manager is its row's own problem). Every other employee of the walk
 * is marked WALK_CLEAR, so that no employee is walked twice and a file of
 * one long chain costs its length, not its square. False when out of
 * memory. */
static bool mark_from(manager_graph *g, map *state, const char *start, const char ***path,
                      size_t *cap)
{
    size_t n = 0;
    int64_t at;
    for (const char *x = start; x; x = manager_after(g, x)) {
        if (map_get(state, x, strlen(x), &at)) {
            for (size_t k = at >= 0 && n - (size_t)at > 1 ? (size_t)at : n; k < n; k++)
                if (!map_put(state, (*path)[k], strlen((*path)[k]), WALK_ON_CYCLE))
                    return false;
            break;
        }
        if (n == *cap) {
            size_t more = *cap ? *cap * 2 : 64;
            const char **grown = realloc(*path, more * sizeof *grown);
            if (!grown)
                return false;
            *path = grown;
            *cap = more;
        }
        (*path)[n] = x;
        if (!map_put(state, x, strlen(x), (int64_t)n++))
            return false;
    }
    for (size_t k = 0; k < n; k++)
        if (map_get(state, (*path)[k], strlen((*path)[k]), &at) && at >= 0 &&
            !map_put(state, (*path)[k], strlen((*path)[k]), WALK_CLEAR))
            return false;
    return true;
}

/* Marks in STATE every employee that is on a cycle of managers once the
 * file is in (WALK_ON_CYCLE), by one walk from each of the file's links;
 * false when out of memory. */
static bool mark_manager_cycles(manager_graph *g, map *state)
{
    const char **path = NULL;
    size_t cap = 0;
    bool ok = true;
    for (size_t i = 0; ok && !g->failed && i < g->nlinks; i++)
        if (g->links[i].employee_id)
            ok = mark_from(g, state, g->links[i].employee_id, &path, &cap);
    free(path);
    return ok && !g->failed;
}

/* The most names a cycle's problem spells out. */
#define CYCLE_NAMES 12

/* Logs the cycle through link L's employee as one problem of its line
 * ("B01 → B03 → B01") and notes its members in DONE, so that the cycle is
 * told once; false when out of memory. */
static bool tell_manager_cycle(job *j, manager_graph *g, const manager_link *l, map *done)
{
    str chain = STR_INIT;
    const char *x = l->employee_id;
    int named = 0;
    str_puts(&chain, x);
    do {
        x = manager_after(g, x);
        if (!map_put(done, x, strlen(x), 1))
            break;
        if (++named < CYCLE_NAMES || strcmp(x, l->employee_id) == 0)
            str_printf(&chain, " → %s", x);
        else if (named == CYCLE_NAMES)
            str_puts(&chain, " → …");
    } while (strcmp(x, l->employee_id) != 0);
    bool ok = str_ok(&chain) && strcmp(x, l->employee_id) == 0;
    if (ok)
        import_problem_add(j->log, l->line, "manager_id", l->manager_id, strlen(l->manager_id),
                           _("a manager who does not report to this employee, directly or "
                             "through others (%s)"),
                           str_cstr(&chain));
    str_free(&chain);
    return ok;
}

/* Refuses the manager links of the file that would make a cycle, within
 * the file or with the stored links (B01 reporting to B03 who reports to
 * B01): one problem per cycle, on the line of its first member in the
 * file. A self-manager is the row's own problem already. STORE_ERROR when
 * out of memory. */
static int refuse_manager_cycles(job *j, const employee_state *st, const map *seen,
                                 const manager_link *links, size_t nlinks)
{
    manager_graph g = {st, seen, links, nlinks, NULL, false};
    map done = MAP_INIT, state = MAP_INIT;
    if (j->h.field_of[EC_MANAGER_ID] < 0)
        return STORE_OK;
    int rc = mark_manager_cycles(&g, &state) ? STORE_OK : STORE_ERROR;
    for (size_t i = 0; rc == STORE_OK && !g.failed && i < nlinks; i++) {
        const manager_link *l = &links[i];
        int64_t told, mark;
        if (!l->employee_id || !l->manager_id || strcmp(l->employee_id, l->manager_id) == 0 ||
            map_get(&done, l->employee_id, strlen(l->employee_id), &told) ||
            !map_get(&state, l->employee_id, strlen(l->employee_id), &mark) ||
            mark != WALK_ON_CYCLE)
            continue;
        j->writing = false;
        if (!tell_manager_cycle(j, &g, l, &done))
            rc = STORE_ERROR;
    }
    free(g.by_row);
    map_free(&done);
    map_free(&state);
    return g.failed ? STORE_ERROR : rc;
}

/* An employee file: every row is checked and compared with the stored
 * employee, and only what differs is written, by stmt_exec_bulk (new
 * employees first, then the changed ones, then the manager links): on
 * PostgreSQL a few round trips per thousand rows instead of one or more
 * per row. */
static int import_employees(job *j, const char *name)
{
    map seen = MAP_INIT;
    employee_state st = {ROW_IMAGES_INIT, 0, ROW_IMAGES_INIT, NAME_CACHE_INIT, NAME_CACHE_INIT};
    manager_link *links = NULL;
    size_t nlinks = 0, caplinks = 0;
    int rc = employees_each_stored(j->db, keep_stored, &st.stored);
    st.nstored = st.stored.n;
    if (rc == STORE_OK)
        rc = cache_names(j->db, &j->keep, &st.departments, departments_list);
    if (rc == STORE_OK)
        rc = cache_names(j->db, &j->keep, &st.functions, functions_list);
    while (rc == STORE_OK && import_next_row(j, name) > 0) {
        employee e;
        bool ok = import_parse_employee(j->log, &j->h, &j->r, &j->rowmem, &e);
        rc = first_use(j, &seen, "employee_id", e.employee_id,
                       _("an id not used before in this file (also on line %lld)"), &ok);
        if (!ok)
            j->writing = false;
        if (rc != STORE_OK)
            continue;
        /* A form's row with problems still has its manager checked
         * (nothing is written then), so that every problem is told at once.
         * A file's report keeps its shape (import.h: whole_row). */
        if (!ok && !(j->opt->whole_row && e.manager_id))
            continue;
        int outcome = UPSERT_UNCHANGED;
        if (ok && j->writing && (rc = write_employee(j, &st, &e, &outcome)) != STORE_OK)
            break;
        if (nlinks == caplinks) {
            caplinks = caplinks ? caplinks * 2 : 256;
            manager_link *p = realloc(links, caplinks * sizeof *links);
            if (!p) {
                rc = STORE_ERROR;
                break;
            }
            links = p;
        }
        links[nlinks++] = (manager_link){e.employee_id ? arena_strdup(&j->keep, e.employee_id)
                                                       : NULL,
                                         e.manager_id ? arena_strdup(&j->keep, e.manager_id) : NULL,
                                         j->r.record_line, outcome};
    }
    if (rc == STORE_OK)
        rc = refuse_manager_cycles(j, &st, &seen, links, nlinks);
    const char *v[EMPLOYEE_VALUES];
    bool updating = j->writing && st.updates.n > 0;
    if (rc == STORE_OK && updating)
        rc = employees_changes_begin(j->db);
    for (size_t i = 0; rc == STORE_OK && updating && i < st.updates.n; i++) {
        row_images_values(&st.updates, i, v, EMPLOYEE_VALUES);
        rc = employees_change_add(j->db, v);
    }
    if (rc == STORE_OK && updating)
        rc = employees_changes_apply(j->db);
    /* Managers may stand anywhere in the file, or already be in the database. */
    if (rc == STORE_OK)
        rc = link_managers(j, &st, &seen, links, nlinks);
    for (size_t i = 0; rc == STORE_OK && j->log->total == 0 && i < nlinks; i++)
        count(j, links[i].outcome);
    free(links);
    map_free(&seen);
    row_images_free(&st.stored);
    row_images_free(&st.updates);
    name_cache_free(&st.departments);
    name_cache_free(&st.functions);
    return rc;
}

/* The optional columns of an activity file and their values. */
static const column_value activity_optional[] = {
    {AC_PROVIDER, 4}, {AC_INTERNAL, 5}, {AC_HOURS, 6}, {AC_COST, 7}, {AC_VALIDITY_MONTHS, 8},
    {AC_MANDATORY, 9}, {AC_COMPETENCES, 10}, {AC_TARGET_FUNCTIONS, 11}};

static int keep_activity(void *ctx, int64_t row, const char *const *values)
{
    return row_images_add(ctx, values[0], row, 0, values, ACTIVITY_VALUES) ? 0 : -1;
}

/* An activity file: as an employee file, each row is compared with the
 * stored activity and only what differs is written, by stmt_exec_bulk (new
 * activities first, then the changed ones and what follows their change). */
static int import_activities(job *j, const char *name)
{
    map seen = MAP_INIT;
    row_images stored = ROW_IMAGES_INIT, updates = ROW_IMAGES_INIT;
    int rc = activities_each_stored(j->db, keep_activity, &stored);
    while (rc == STORE_OK && import_next_row(j, name) > 0) {
        activity x;
        bool ok = import_parse_activity(j->log, &j->h, &j->r, &j->rowmem, &x);
        rc = first_use(j, &seen, "code", x.code,
                       _("a code not used before in this file (also on line %lld)"), &ok);
        if (!ok)
            j->writing = false;
        if (!j->writing || rc != STORE_OK)
            continue;
        activity_values v;
        activity_values_of(&x, &v);
        long at = row_images_find(&stored, x.code);
        keep_absent(&j->h, &stored, at, activity_optional,
                    sizeof activity_optional / sizeof *activity_optional, v.v, ACTIVITY_VALUES);
        if (at < 0) {
            rc = activities_insert_values(j->db, v.v);
            count(j, UPSERT_CREATED);
        } else if (row_images_same(&stored, (size_t)at, v.v, ACTIVITY_VALUES)) {
            count(j, UPSERT_UNCHANGED);
        } else {
            /* extra: where the stored activity's values are */
            rc = row_images_add(&updates, x.code, stored.rows[at].row, at, v.v, ACTIVITY_VALUES)
                     ? STORE_OK
                     : STORE_ERROR;
            count(j, UPSERT_UPDATED);
        }
    }
    const char *after[ACTIVITY_VALUES], *before[ACTIVITY_VALUES];
    for (size_t i = 0; rc == STORE_OK && j->writing && i < updates.n; i++) {
        row_images_values(&updates, i, after, ACTIVITY_VALUES);
        rc = activities_update_values(j->db, after);
    }
    for (size_t i = 0; rc == STORE_OK && j->writing && i < updates.n; i++) {
        row_images_values(&updates, i, after, ACTIVITY_VALUES);
        row_images_values(&stored, (size_t)updates.rows[i].extra, before, ACTIVITY_VALUES);
        rc = activities_after_update(j->db, updates.rows[i].row, before, after);
    }
    row_images_free(&stored);
    row_images_free(&updates);
    map_free(&seen);
    return rc;
}

static int import_funding(job *j, const char *name)
{
    map seen = MAP_INIT;
    int rc = STORE_OK;
    while (rc == STORE_OK && import_next_row(j, name) > 0) {
        funding f;
        bool ok = import_parse_funding(j->log, &j->h, &j->r, &f);
        char key[32];
        int64_t first;
        snprintf(key, sizeof key, "%d/%d", f.year, f.type);
        if (ok && map_get(&seen, key, strlen(key), &first)) {
            const char *type = vocab_name(&vocab_type, f.type);
            import_problem_add(j->log, j->r.record_line, "type", type, strlen(type),
                               _("one row per year and type (also on line %lld)"),
                               (long long)first);
            ok = false;
        } else if (ok && !map_put(&seen, key, strlen(key), j->r.record_line)) {
            rc = STORE_ERROR;
        }
        if (!ok)
            j->writing = false;
        if (!j->writing || rc != STORE_OK)
            continue;
        int outcome;
        /* DESIGN §4: re-importing replaces the pair's amounts; a column the
         * file leaves out is 0, unlike the files of people and activities. */
        if ((rc = funding_upsert(j->db, &f, &outcome)) == STORE_OK)
            count(j, outcome);
    }
    map_free(&seen);
    return rc;
}

/* ---- competences, profiles and assessments (issue 11) ---- */

static int put_code(void *ctx, const char *code, int64_t row)
{
    return map_put(ctx, code, strlen(code), row) ? 0 : -1;
}

/* The row of competence CODE in KNOWN, or a problem on column COLUMN. */
static bool known_competence(job *j, map *known_codes, const char *code, const char *column,
                             int64_t *row)
{
    if (!code || map_get(known_codes, code, strlen(code), row))
        return code != NULL;
    import_problem_add(j->log, j->r.record_line, column, code, strlen(code), "%s",
                       _("the code of a competence of the catalogue"));
    return false;
}

/* The optional column of a competence file and its value. */
static const column_value competence_optional[] = {{CC_DESCRIPTION, 3}};

static int keep_competence(void *ctx, const char *const *values)
{
    return row_images_add(ctx, values[0], 0, 0, values, COMPETENCE_VALUES) ? 0 : -1;
}

/* A competence file: compared with the stored catalogue read once; new
 * competences are written at once, changed ones after, by stmt_exec_bulk. */
static int import_competences(job *j, const char *name)
{
    map seen = MAP_INIT;
    row_images stored = ROW_IMAGES_INIT, updates = ROW_IMAGES_INIT;
    int rc = competences_each_stored(j->db, keep_competence, &stored);
    while (rc == STORE_OK && import_next_row(j, name) > 0) {
        competence c;
        bool ok = import_parse_competence(j->log, &j->h, &j->r, &j->rowmem, &c);
        rc = first_use(j, &seen, "code", c.code,
                       _("a code not used before in this file (also on line %lld)"), &ok);
        if (!ok)
            j->writing = false;
        if (!j->writing || rc != STORE_OK)
            continue;
        const char *v[COMPETENCE_VALUES];
        competence_values_of(&c, v);
        long at = row_images_find(&stored, c.code);
        keep_absent(&j->h, &stored, at, competence_optional, 1, v, COMPETENCE_VALUES);
        if (at < 0) {
            rc = competences_insert_values(j->db, v);
            count(j, UPSERT_CREATED);
        } else if (row_images_same(&stored, (size_t)at, v, COMPETENCE_VALUES)) {
            count(j, UPSERT_UNCHANGED);
        } else {
            rc = row_images_add(&updates, c.code, 0, 0, v, COMPETENCE_VALUES) ? STORE_OK
                                                                             : STORE_ERROR;
            count(j, UPSERT_UPDATED);
        }
    }
    const char *v[COMPETENCE_VALUES];
    for (size_t i = 0; rc == STORE_OK && j->writing && i < updates.n; i++) {
        row_images_values(&updates, i, v, COMPETENCE_VALUES);
        rc = competences_update_values(j->db, v);
    }
    row_images_free(&stored);
    row_images_free(&updates);
    map_free(&seen);
    return rc;
}

/* The key of a profile line in a map: its function and competence rows. */
#define PROFILE_KEY_SIZE 48
static const char *profile_key(int64_t function_row, int64_t competence_row,
                               char buf[PROFILE_KEY_SIZE])
{
    snprintf(buf, PROFILE_KEY_SIZE, "%lld/%lld", (long long)function_row,
             (long long)competence_row);
    return buf;
}

/* Packs the two levels as row_images keeps values. */
static void profile_levels(int64_t now, int64_t future, char buf[2][24], const char *v[2])
{
    decimal_format(now, 0, 0, buf[0], 24); /* always room */
    decimal_format(future, 0, 0, buf[1], 24);
    v[0] = buf[0];
    v[1] = buf[1];
}

static int keep_profile(void *ctx, int64_t function_row, int64_t competence_row,
                        int64_t level_now, int64_t level_future)
{
    char key[PROFILE_KEY_SIZE], buf[2][24];
    const char *v[2];
    profile_levels(level_now, level_future, buf, v);
    return row_images_add(ctx, profile_key(function_row, competence_row, key), 0, 0, v, 2) ? 0
                                                                                          : -1;
}

/* The outcome of setting a profile line, from the stored lines. */
static int profile_outcome(const row_images *stored, int64_t function_row,
                           int64_t competence_row, int level_now, int level_future)
{
    char key[PROFILE_KEY_SIZE], buf[2][24];
    const char *v[2];
    profile_levels(level_now, level_future, buf, v);
    long at = row_images_find(stored, profile_key(function_row, competence_row, key));
    return at < 0 ? UPSERT_CREATED
           : row_images_same(stored, (size_t)at, v, 2) ? UPSERT_UNCHANGED
                                                        : UPSERT_UPDATED;
}

/* A profile file: compared with the stored lines read once; the new and
 * changed lines are set through stmt_exec_bulk (pipelined on PostgreSQL). */
static int import_profiles(job *j, const char *name)
{
    map seen = MAP_INIT, codes = MAP_INIT;
    name_cache functions = NAME_CACHE_INIT;
    row_images stored = ROW_IMAGES_INIT;
    int rc = cache_names(j->db, &j->keep, &functions, functions_list);
    if (rc == STORE_OK)
        rc = competences_each_brief(j->db, put_code, &codes);
    if (rc == STORE_OK)
        rc = profiles_each_stored(j->db, keep_profile, &stored);
    while (rc == STORE_OK && import_next_row(j, name) > 0) {
        profile_line p;
        bool ok = import_parse_profile(j->log, &j->h, &j->r, &j->rowmem, &p);
        int64_t function_row = 0, competence_row = 0, first;
        int known_rc = STORE_OK;
        /* as the employees name it, whatever the case or surrounding spaces */
        if (p.function && !known_name(&functions, p.function, &function_row,
                                      &j->counts->matched, &known_rc)) {
            if (known_rc != STORE_OK) {
                rc = known_rc;
                continue;
            }
            import_problem_add(j->log, j->r.record_line, "function", p.function,
                               strlen(p.function), "%s",
                               _("a function of the employees, named exactly as there"));
            ok = false;
        }
        if (p.competence && !known_competence(j, &codes, p.competence, "competence_code",
                                              &competence_row))
            ok = false;
        if (p.function && p.competence) {
            str key = STR_INIT;
            /* the function by its row when known: "Operator" and "operator" are one */
            if (function_row)
                str_printf(&key, "%lld\x1f%s", (long long)function_row, p.competence);
            else
                str_printf(&key, "%s\x1f%s", p.function, p.competence);
            if (!str_ok(&key)) {
                rc = STORE_ERROR;
            } else if (map_get(&seen, key.p, key.len, &first)) {
                import_problem_add(j->log, j->r.record_line, "competence_code", p.competence,
                                   strlen(p.competence),
                                   _("one line per function and competence (also on line %lld)"),
                                   (long long)first);
                ok = false;
            } else if (!map_put(&seen, key.p, key.len, j->r.record_line)) {
                rc = STORE_ERROR;
            }
            str_free(&key);
        }
        if (!ok)
            j->writing = false;
        if (!j->writing || rc != STORE_OK)
            continue;
        int outcome = profile_outcome(&stored, function_row, competence_row, p.level_now,
                                      p.level_future);
        if (outcome != UPSERT_UNCHANGED)
            rc = profiles_set(j->db, function_row, competence_row, p.level_now, p.level_future);
        if (rc == STORE_OK)
            count(j, outcome);
    }
    row_images_free(&stored);
    map_free(&seen);
    name_cache_free(&functions);
    map_free(&codes);
    return rc;
}

static int import_assessments(job *j, const char *name)
{
    map employees = MAP_INIT, codes = MAP_INIT;
    int rc = employees_each_brief(j->db, cache_employee, &employees);
    if (rc == STORE_OK)
        rc = competences_each_brief(j->db, put_code, &codes);
    date_t today = date_today();
    while (rc == STORE_OK && import_next_row(j, name) > 0) {
        assessment x;
        bool ok = import_parse_assessment(j->log, &j->h, &j->r, &j->rowmem, today, &x);
        int64_t employee_row = 0, competence_row = 0, assessor_row;
        if (x.employee_id &&
            !map_get(&employees, x.employee_id, strlen(x.employee_id), &employee_row)) {
            import_problem_add(j->log, j->r.record_line, "employee_id", x.employee_id,
                               strlen(x.employee_id), "%s",
                               _("the employee_id of a known employee"));
            ok = false;
        }
        if (x.competence && !known_competence(j, &codes, x.competence, "competence_code",
                                              &competence_row))
            ok = false;
        if (x.assessor && strcmp(x.assessor, ASSESSOR_SELF) != 0 &&
            !map_get(&employees, x.assessor, strlen(x.assessor), &assessor_row)) {
            import_problem_add(j->log, j->r.record_line, "assessor", x.assessor,
                               strlen(x.assessor), "%s",
                               _("the employee_id of a known employee, or self"));
            ok = false;
        }
        if (!ok)
            j->writing = false;
        if (!j->writing || rc != STORE_OK)
            continue;
        if ((rc = assessments_insert(j->db, &x, employee_row, competence_row, j->opt->actor,
                                     NULL)) == STORE_OK)
            j->counts->created++;
    }
    map_free(&employees);
    map_free(&codes);
    return rc;
}

/* The key of a mentor assignment in a map: newcomer, mentor and from, in
 * BUF of MENTOR_KEY_SIZE. */
#define MENTOR_KEY_SIZE (2 * 24 + DATE_TEXT_SIZE + 2)
static const char *mentor_key(int64_t newcomer_row, int64_t mentor_row, date_t from,
                              char buf[MENTOR_KEY_SIZE])
{
    char day[DATE_TEXT_SIZE];
    date_format(from, day);
    snprintf(buf, MENTOR_KEY_SIZE, "%lld/%lld/%s", (long long)newcomer_row,
             (long long)mentor_row, day);
    return buf;
}

/* A stored assignment: row the id, its end the one value (text or NULL). */
static int keep_mentor(void *ctx, int64_t id, int64_t newcomer_row, int64_t mentor_row,
                       date_t from, date_t to)
{
    char key[MENTOR_KEY_SIZE], end[DATE_TEXT_SIZE];
    date_format(to, end);
    const char *v[1] = {to == DATE_NONE ? NULL : end};
    return row_images_add(ctx, mentor_key(newcomer_row, mentor_row, from, key), id, 0, v, 1)
               ? 0
               : -1;
}

/* Writes the file's assignment (its rows known): new ones at once, a
 * changed end into UPDATES (id and end) for later; *outcome says which.
 * KEEP_END (a file without the column to) leaves a stored end as it is. */
static int write_mentor(store *db, row_images *stored, row_images *updates, int64_t newcomer,
                        int64_t mentor, const mentor_assignment *m, bool keep_end,
                        int *outcome)
{
    char key[MENTOR_KEY_SIZE], end[DATE_TEXT_SIZE];
    date_format(m->to, end);
    const char *v[1] = {m->to == DATE_NONE ? NULL : end};
    long at = row_images_find(stored, mentor_key(newcomer, mentor, m->from, key));
    if (at < 0) {
        *outcome = UPSERT_CREATED;
        return mentors_insert(db, newcomer, mentor, m->from, m->to);
    }
    if (keep_end || row_images_same(stored, (size_t)at, v, 1)) {
        *outcome = UPSERT_UNCHANGED;
        return STORE_OK;
    }
    *outcome = UPSERT_UPDATED;
    return row_images_add(updates, key, stored->rows[at].row, m->to, v, 1) ? STORE_OK
                                                                          : STORE_ERROR;
}

/* Mentor assignments (DESIGN 4 mentors): both people known, the mentor
 * not gone before the guidance starts, (newcomer, mentor, from) once per
 * file; re-importing a key updates its end. */
static int import_mentors(job *j, const char *name)
{
    known k = {MAP_INIT, NULL, 0, 0, MAP_INIT, NULL, 0, 0};
    map seen = MAP_INIT;
    row_images stored = ROW_IMAGES_INIT, updates = ROW_IMAGES_INIT;
    int rc = known_load(j->db, &k);
    if (rc == STORE_OK)
        rc = mentors_each_stored(j->db, keep_mentor, &stored);
    while (rc == STORE_OK && import_next_row(j, name) > 0) {
        mentor_assignment m;
        bool ok = import_parse_mentor(j->log, &j->h, &j->r, &j->rowmem, &m);
        int64_t ni = -1, mi = -1;
        if (m.newcomer_id && !map_get(&k.employees, m.newcomer_id, strlen(m.newcomer_id), &ni)) {
            import_problem_add(j->log, j->r.record_line, "employee_id", m.newcomer_id,
                               strlen(m.newcomer_id), "%s",
                               _("the employee_id of a known employee"));
            ok = false;
        }
        if (m.mentor_id && !map_get(&k.employees, m.mentor_id, strlen(m.mentor_id), &mi)) {
            import_problem_add(j->log, j->r.record_line, "mentor_id", m.mentor_id,
                               strlen(m.mentor_id), "%s", _("the employee_id of a known employee"));
            ok = false;
        } else if (mi >= 0 && m.from != DATE_NONE && k.emp[mi].exit != DATE_NONE &&
                   k.emp[mi].exit < m.from) {
            char left[DATE_TEXT_SIZE];
            date_format(k.emp[mi].exit, left);
            import_problem_add(j->log, j->r.record_line, "mentor_id", m.mentor_id,
                               strlen(m.mentor_id),
                               _("a mentor still employed on the first day (this one left on %s)"),
                               left);
            ok = false;
        }
        if (ok) {
            char from[DATE_TEXT_SIZE];
            date_format(m.from, from);
            str kb = STR_INIT;
            str_printf(&kb, "%s\x1f%s\x1f%s", m.newcomer_id, m.mentor_id, from);
            int64_t first;
            if (!str_ok(&kb)) {
                rc = STORE_ERROR;
            } else if (map_get(&seen, kb.p, kb.len, &first)) {
                import_problem_add(j->log, j->r.record_line, "from", from, strlen(from),
                                   _("one row per newcomer, mentor and from (also on line %lld)"),
                                   (long long)first);
                ok = false;
            } else if (!map_put(&seen, kb.p, kb.len, j->r.record_line)) {
                rc = STORE_ERROR;
            }
            str_free(&kb);
        }
        if (!ok)
            j->writing = false;
        if (!j->writing || rc != STORE_OK)
            continue;
        int outcome;
        if ((rc = write_mentor(j->db, &stored, &updates, k.emp[ni].row, k.emp[mi].row, &m,
                               j->h.field_of[MC_TO] < 0, &outcome)) == STORE_OK)
            count(j, outcome);
    }
    /* The changed ends after the new rows, so that those travel together. */
    for (size_t i = 0; rc == STORE_OK && j->writing && i < updates.n; i++)
        rc = mentors_set_end(j->db, updates.rows[i].row, (date_t)updates.rows[i].extra);
    row_images_free(&stored);
    row_images_free(&updates);
    map_free(&seen);
    known_free(&k);
    return rc;
}

static int audit_import(store *db, const char *actor, const import_input *in,
                        const import_counts *c)
{
    json_t *j = json_pack("{s:I, s:I, s:I, s:I, s:I}", "rows", (json_int_t)c->rows, "created",
                          (json_int_t)c->created, "updated", (json_int_t)c->updated,
                          "unchanged", (json_int_t)c->unchanged, "deleted",
                          (json_int_t)c->deleted);
    char *after = j ? json_dumps(j, JSON_COMPACT) : NULL;
    int rc = after ? audit_write(db, actor, "import", import_kind_names[in->kind], in->name, NULL,
                                 after)
                   : STORE_ERROR;
    free(after);
    json_decref(j);
    return rc;
}

static int import_one(store *db, import_input *in, const import_options *opt, import_log *log,
                      import_counts *counts, bool *writing, str *err)
{
    job j = {db, log, opt, counts, {0}, {0}, ARENA_INIT, ARENA_INIT, *writing, err};
    log->file = in->name;
    char *converted = NULL;
    xlsx_reader *book = NULL;
    bool unreadable = false;
    if (xlsx_is_workbook(in->data, in->len)) {
        /* An Excel workbook: its first sheet's rows, read as a CSV file's. */
        const char *why;
        if (!(book = xlsx_open(in->data, in->len, &j.r, &why))) {
            import_problem_add(log, 1, NULL, NULL, 0, "%s", _(why));
            csv_open(&j.r, in->data, 0);
            unreadable = true;
        }
    } else {
        /* Excel's plain 'CSV' on a Belgian Windows is Windows-1252, not UTF-8. */
        size_t len = in->len;
        if (!input_is_utf8(in) &&
            !(converted = cp1252_to_utf8(in->data, in->len, &len)))
            return STORE_ERROR;
        csv_open(&j.r, converted ? converted : in->data, len);
    }
    int rc = STORE_OK;
    if (unreadable) {
        j.writing = false;
    } else if (!import_read_header(log, &j.r, in->kind, &j.h)) {
        j.writing = false;
    } else {
        /* The header's page stays: its names are read to the end. */
        if (in->releasable && !book && !converted) {
            size_t page = (size_t)sysconf(_SC_PAGESIZE);
            j.release_base = in->data;
            j.released = (j.r.pos + page - 1) / page * page;
        }
        switch (in->kind) {
        case IMPORT_EMPLOYEES: rc = import_employees(&j, in->name); break;
        case IMPORT_ACTIVITIES: rc = import_activities(&j, in->name); break;
        case IMPORT_LEARNING: rc = import_learning(&j, in->name); break;
        case IMPORT_COMPETENCES: rc = import_competences(&j, in->name); break;
        case IMPORT_PROFILES: rc = import_profiles(&j, in->name); break;
        case IMPORT_ASSESSMENTS: rc = import_assessments(&j, in->name); break;
        case IMPORT_MENTORS: rc = import_mentors(&j, in->name); break;
        default: rc = import_funding(&j, in->name); break;
        }
    }
    if (rc == STORE_OK && log->total == 0)
        rc = audit_import(db, opt->actor, in, counts);
    *writing = j.writing && log->total == 0;
    csv_close(&j.r);
    xlsx_close(book);
    free(converted);
    arena_free(&j.rowmem);
    arena_free(&j.keep);
    return rc;
}

static int import_all(store *db, import_input *inputs, size_t n, const import_options *opt,
                      import_log *log, import_counts counts[IMPORT_KINDS], str *err);

/* Orders each file's problems by line, keeping the order within a line (a
 * file's manager checks come last); those of at most IMPORT_MAX_ROWS rows,
 * nearly in order already, so an insertion sort does. */
static void sort_problems(import_log *log)
{
    for (size_t i = 1; i < log->kept; i++) {
        import_problem p = log->problems[i];
        size_t k = i;
        while (k > 0 && log->problems[k - 1].file == p.file && log->problems[k - 1].line > p.line) {
            log->problems[k] = log->problems[k - 1];
            k--;
        }
        log->problems[k] = p;
    }
}

int import_run(store *db, import_input *inputs, size_t n, const import_options *opt,
               import_log *log, import_counts counts[IMPORT_KINDS], str *err)
{
    memset(counts, 0, IMPORT_KINDS * sizeof *counts);
    /* Every reference is checked here, row by row, with a clear message; the
     * database's own foreign key checks would only repeat them, slowly. */
    if (store_bulk_begin(db) != STORE_OK || store_begin(db) != STORE_OK) {
        str_puts(err, store_error(db));
        store_bulk_end(db);
        return IMPORT_FAILED;
    }
    int result = import_all(db, inputs, n, opt, log, counts, err);
    store_bulk_end(db);
    return result;
}

/* The body of import_run, inside its transaction. */
static int import_all(store *db, import_input *inputs, size_t n, const import_options *opt,
                      import_log *log, import_counts counts[IMPORT_KINDS], str *err)
{
    bool writing = !opt->check_only;
    int rc = STORE_OK;
    for (int kind = 0; kind < IMPORT_KINDS && rc == STORE_OK; kind++)
        for (size_t i = 0; i < n && rc == STORE_OK; i++)
            if (inputs[i].kind == (import_kind)kind)
                rc = import_one(db, &inputs[i], opt, log, &counts[kind], &writing, err);
    if (rc != STORE_OK) {
        if (err->len == 0)
            str_puts(err, store_error(db));
        store_rollback(db);
        return IMPORT_FAILED;
    }
    if (log->total > 0 || opt->check_only) {
        store_rollback(db);
        sort_problems(log);
        memset(counts, 0, IMPORT_KINDS * sizeof *counts);
        return log->total > 0 ? IMPORT_REJECTED : IMPORT_DONE;
    }
    if (store_commit(db) != STORE_OK) {
        str_puts(err, store_error(db));
        store_rollback(db);
        return IMPORT_FAILED;
    }
    return IMPORT_DONE;
}
