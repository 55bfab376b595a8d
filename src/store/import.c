/* import.c - see import.h. */
#include "store/import.h"
#include "store/data.h"
#include "store/competences.h"
#include "store/onboarding.h"
#include "store/certifications.h"
#include "store/row_images.h"
#include "util/decimal.h"
#include "util/i18n.h"
#include "util/extsort.h"
#include "util/map.h"
#include "util/text.h"
#include "util/xlsx_read.h"
#include <jansson.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* What the learning rows are checked against: the employees and activities
 * in the database (including what this import already wrote). */
typedef struct known {
    map employees; /* employee_id -> index into emp */
    struct known_employee {
        int64_t row;
        date_t hire, exit;
    } *emp;
    size_t nemp, capemp;
    map activities; /* code -> index into act */
    struct known_activity {
        int64_t row;
        int type;
    } *act;
    size_t nact, capact;
} known;

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

static void known_free(known *k)
{
    map_free(&k->employees);
    map_free(&k->activities);
    free(k->emp);
    free(k->act);
}

/* The state of one file's import. */
typedef struct job {
    store *db;
    import_log *log;
    const import_options *opt;
    import_counts *counts;
    csv_reader r;
    import_header h;
    arena rowmem;  /* strings of the current row */
    arena keep;    /* what must outlive a row */
    bool writing;  /* false once any problem was found: only validate */
    str *err;      /* a failure that is not the store's (the sorter's file) */
    char *release_base; /* a mapped file whose read pages go back, or NULL */
    size_t released;    /* bytes of it given back so far */
} job;

#define RELEASE_EVERY (16u << 20)

/* Gives the pages of a mapped input before OFFSET back to the system, 16 MB
 * at a time, so that reading a file of any size keeps memory flat. Only
 * pages the reader is done with: a page given back reads again from the
 * file, without the reader's in-place unescaping. */
static void release_read(char *base, size_t *released, size_t offset)
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
        release_read(in->releasable ? in->data : NULL, &released, at);
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
static int next_row(job *j, const char *name)
{
    arena_reset(&j->rowmem);
    release_read(j->release_base, &j->released, j->r.pos); /* the rows before are done */
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

static int cache_names(store *db, arena *a, map *m,
                       int (*list)(store *, arena *, group_count **, size_t *))
{
    group_count *names;
    size_t n;
    if (list(db, a, &names, &n) != STORE_OK)
        return STORE_ERROR;
    for (size_t i = 0; i < n; i++)
        if (!map_put(m, names[i].name, strlen(names[i].name), names[i].count))
            return STORE_ERROR;
    return STORE_OK;
}

/* The row id of NAME in M, created through ENSURE when new. */
static int cached_name(store *db, map *m, const char *name,
                       int (*ensure)(store *, const char *, int64_t *), int64_t *id)
{
    if (map_get(m, name, strlen(name), id))
        return STORE_OK;
    if (ensure(db, name, id) != STORE_OK || !map_put(m, name, strlen(name), *id))
        return STORE_ERROR;
    return STORE_OK;
}

/* What an employee import knows of the database: the stored employees as
 * their values (then also the new ones, without), and the names. */
typedef struct employee_state {
    row_images stored;   /* by employee_id; extra: the manager's row */
    size_t nstored;      /* rows before this file's new ones */
    row_images updates;  /* the changed employees' new values, written last */
    map departments, functions;
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
    if ((rc = cached_name(j->db, &st->departments, e->department, departments_ensure, &dept)) !=
            STORE_OK ||
        (rc = cached_name(j->db, &st->functions, e->function, functions_ensure, &func)) !=
            STORE_OK)
        return rc;
    employee_values_of(e, dept, func, &v);
    long at = row_images_find(&st->stored, e->employee_id);
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
 * a link that changes makes an unchanged employee updated. */
static int link_managers(job *j, employee_state *st, const map *seen, manager_link *links,
                         size_t nlinks)
{
    int rc = STORE_OK;
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
            rc = employees_set_manager_row(j->db, e->row, mrow);
            if (l->outcome == UPSERT_UNCHANGED)
                l->outcome = UPSERT_UPDATED;
        }
    }
    return rc;
}

/* An employee file: every row is checked and compared with the stored
 * employee, and only what differs is written, by stmt_exec_bulk (new
 * employees first, then the changed ones, then the manager links): on
 * PostgreSQL a few round trips per thousand rows instead of one or more
 * per row. */
static int import_employees(job *j, const char *name)
{
    map seen = MAP_INIT;
    employee_state st = {ROW_IMAGES_INIT, 0, ROW_IMAGES_INIT, MAP_INIT, MAP_INIT};
    manager_link *links = NULL;
    size_t nlinks = 0, caplinks = 0;
    int rc = employees_each_stored(j->db, keep_stored, &st.stored);
    st.nstored = st.stored.n;
    if (rc == STORE_OK)
        rc = cache_names(j->db, &j->keep, &st.departments, departments_list);
    if (rc == STORE_OK)
        rc = cache_names(j->db, &j->keep, &st.functions, functions_list);
    while (rc == STORE_OK && next_row(j, name) > 0) {
        employee e;
        bool ok = import_parse_employee(j->log, &j->h, &j->r, &j->rowmem, &e);
        rc = first_use(j, &seen, "employee_id", e.employee_id,
                       _("an id not used before in this file (also on line %lld)"), &ok);
        if (!ok)
            j->writing = false;
        if (!ok || rc != STORE_OK)
            continue;
        int outcome = UPSERT_UNCHANGED;
        if (j->writing && (rc = write_employee(j, &st, &e, &outcome)) != STORE_OK)
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
        links[nlinks++] = (manager_link){arena_strdup(&j->keep, e.employee_id),
                                         e.manager_id ? arena_strdup(&j->keep, e.manager_id) : NULL,
                                         j->r.record_line, outcome};
    }
    const char *v[EMPLOYEE_VALUES];
    for (size_t i = 0; rc == STORE_OK && j->writing && i < st.updates.n; i++) {
        row_images_values(&st.updates, i, v, EMPLOYEE_VALUES);
        rc = employees_update_values(j->db, v);
    }
    /* Managers may stand anywhere in the file, or already be in the database. */
    if (rc == STORE_OK)
        rc = link_managers(j, &st, &seen, links, nlinks);
    for (size_t i = 0; rc == STORE_OK && j->log->total == 0 && i < nlinks; i++)
        count(j, links[i].outcome);
    free(links);
    map_free(&seen);
    row_images_free(&st.stored);
    row_images_free(&st.updates);
    map_free(&st.departments);
    map_free(&st.functions);
    return rc;
}

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
    while (rc == STORE_OK && next_row(j, name) > 0) {
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

/* The sums of the learning a file adds, per employee, year and type, written
 * to learning_totals once at the end instead of once per record. The records
 * arrive in employee order, so an employee's sums are complete when the next
 * employee's records begin: they go then to a sorter, in learning_totals' key
 * order (year, employee row, type), so the writing appends and memory stays
 * flat however many employees there are. */
enum { TOTAL_KEYS = 300 * 3 }; /* (year - 1900) * 3 + type, years 1900-2199 */

typedef struct total_entry { /* a record of the sorter */
    int64_t row;
    int32_t year, type;
    learning_total sum;
} total_entry;

typedef struct totals_acc {
    extsort *sorted;                  /* total_entry, by (year, row, type) */
    int64_t row;                      /* the current employee's row, 0 before the first */
    uint16_t keys[TOTAL_KEYS];        /* the current employee's (year, type) keys */
    learning_total sums[TOTAL_KEYS];
    int n;
} totals_acc;

/* Starts ACC, its sorter holding up to MEMORY bytes; NULL when out of memory. */
static totals_acc *acc_new(size_t memory)
{
    totals_acc *acc = calloc(1, sizeof *acc);
    if (acc && !(acc->sorted = extsort_new(memory))) {
        free(acc);
        return NULL;
    }
    return acc;
}

static void acc_free(totals_acc *acc)
{
    if (acc)
        extsort_free(acc->sorted);
    free(acc);
}

/* Hands the current employee's sums to the sorter; false when it fails. */
static bool acc_pass(totals_acc *acc)
{
    for (int i = 0; i < acc->n; i++) {
        total_entry t = {acc->row, 1900 + acc->keys[i] / 3, acc->keys[i] % 3, acc->sums[i]};
        uint64_t key = (uint64_t)(acc->keys[i] / 3) << 50 | (uint64_t)acc->row << 2 |
                       (uint64_t)t.type;
        if (!extsort_add(acc->sorted, key, &t, sizeof t))
            return false;
    }
    acc->n = 0;
    return true;
}

/* Adds record R of the employee at EMPLOYEE_ROW (records come employee by
 * employee); false when the sorter fails or the row is beyond its key. */
static bool acc_add(totals_acc *acc, int64_t employee_row, const learning_record *r)
{
    if (employee_row != acc->row) {
        if (employee_row <= 0 || employee_row >= (int64_t)1 << 48 || !acc_pass(acc))
            return false;
        acc->row = employee_row;
    }
    int year = date_year(r->start_date);
    if (year < 1900 || year > 2199)
        return false; /* dates are checked to lie in these years */
    uint16_t key = (uint16_t)((year - 1900) * 3 + r->type);
    int k = 0;
    while (k < acc->n && acc->keys[k] != key)
        k++;
    if (k == acc->n) {
        acc->keys[k] = key;
        acc->sums[k] = (learning_total){0, 0, 0, 0, 0};
        acc->n++;
    }
    learning_total one;
    learning_totals_of(r, &one);
    learning_total *t = &acc->sums[k];
    t->records += one.records;
    t->hours += one.hours;
    t->cost += one.cost;
    t->subsidy += one.subsidy;
    t->right_hours += one.right_hours;
    return true;
}

/* Writes ACC's sums in learning_totals' key order, so the writes append: as
 * plain inserts into an empty table (one COPY on PostgreSQL), else added to
 * the sums there. */
static int acc_flush(store *db, totals_acc *acc)
{
    if (!acc_pass(acc) || !extsort_finish(acc->sorted))
        return STORE_ERROR;
    int empty = learning_totals_empty(db);
    int rc = empty < 0 ? STORE_ERROR : STORE_OK, more;
    const void *rec;
    size_t len;
    while (rc == STORE_OK && (more = extsort_next(acc->sorted, &rec, &len)) == 1) {
        total_entry t;
        memcpy(&t, rec, sizeof t);
        rc = empty ? learning_totals_insert(db, t.row, t.year, t.type, &t.sum)
                   : learning_totals_add(db, t.row, t.year, t.type, &t.sum, 1);
    }
    return rc == STORE_OK && more < 0 ? STORE_ERROR : rc;
}

/* A validated record waiting to be written, its title (if any) following
 * it. The file is read whole first, then written sorted by employee and date,
 * so that the rows and the index on (employee, date) grow at their ends
 * instead of all over; the sorter keeps memory flat by spilling sorted runs
 * to a temporary file once a batch is full. */
typedef struct pending_record {
    int64_t employee_row, activity_row;
    int64_t hours, cost, subsidy;
    date_t start, end;
    int8_t own_type, type, working_time, training_leave, result;
} pending_record;

/* Checks a parsed record against the database; false (logged) if it fails. */
static bool check_learning(job *j, const known *k, learning_record *lr, int64_t *ei, int64_t *ai)
{
    bool ok = true;
    int year = j->opt->replace_year;
    *ei = *ai = -1;
    if (lr->employee_id && !map_get(&k->employees, lr->employee_id, strlen(lr->employee_id), ei)) {
        import_problem_add(j->log, j->r.record_line, "employee_id", lr->employee_id,
                           strlen(lr->employee_id), "%s", _("the employee_id of a known employee"));
        ok = false;
    }
    if (lr->activity_code &&
        !map_get(&k->activities, lr->activity_code, strlen(lr->activity_code), ai)) {
        import_problem_add(j->log, j->r.record_line, "activity_code", lr->activity_code,
                           strlen(lr->activity_code), "%s",
                           _("the code of an activity in the catalogue"));
        ok = false;
    }
    char value[DATE_TEXT_SIZE]; /* the start date, written only for a problem */
    if (*ei >= 0 && lr->start_date != DATE_NONE &&
        !date_employed_on(k->emp[*ei].hire, k->emp[*ei].exit, lr->start_date)) {
        date_format(lr->start_date, value);
        char hire[DATE_TEXT_SIZE], exit_[DATE_TEXT_SIZE];
        date_format(k->emp[*ei].hire, hire);
        date_format(k->emp[*ei].exit, exit_);
        import_problem_add(j->log, j->r.record_line, "start_date", value, strlen(value),
                           _("a date within the employment (%s to %s)"), hire,
                           *exit_ ? exit_ : "…");
        ok = false;
    }
    if (year && lr->start_date != DATE_NONE && date_year(lr->start_date) != year) {
        date_format(lr->start_date, value);
        import_problem_add(j->log, j->r.record_line, "start_date", value, strlen(value),
                           _("a date in %d (--replace-year)"), year);
        ok = false;
    }
    if (ok && lr->type < 0)
        lr->type = *ai >= 0 ? k->act[*ai].type : TYPE_FORMAL;
    return ok;
}

/* The rows of cert_records a first load adds, gathered as its records are
 * written and inserted after them in the table's key order (employee,
 * activity, date): much cheaper than finding them again among every record
 * of the load. The key packs all three; a load whose rows or dates do not fit
 * in it, or a table that has rows already (conflicts are possible then),
 * takes the general way, cert_records_add_after. */
#define CERT_ACT_BITS 20
#define CERT_DAY_BITS 18
#define CERT_EMP_BITS (64 - CERT_ACT_BITS - CERT_DAY_BITS)

typedef struct cert_gather {
    bool on;          /* gathering */
    bool too_large;   /* an activity row does not fit the key */
    bool *certifies;  /* by activity row: its completions are kept */
    size_t nact;
    extsort *rows;    /* the keys, each also as its record */
} cert_gather;

static int mark_certifying(void *ctx, int64_t row)
{
    cert_gather *g = ctx;
    if (row <= 0 || row >= (int64_t)1 << CERT_ACT_BITS) {
        g->too_large = true;
        return 0;
    }
    if ((size_t)row >= g->nact) {
        size_t n = (size_t)row * 2 + 1;
        bool *c = realloc(g->certifies, n * sizeof *c);
        if (!c)
            return -1;
        memset(c + g->nact, 0, (n - g->nact) * sizeof *c);
        g->certifies = c;
        g->nact = n;
    }
    g->certifies[row] = true;
    return 0;
}

/* Starts gathering when cert_records is empty; STORE_ERROR on failure. */
static int cert_gather_begin(store *db, cert_gather *g)
{
    memset(g, 0, sizeof *g);
    int empty = cert_records_empty(db);
    if (empty <= 0)
        return empty < 0 ? STORE_ERROR : STORE_OK;
    if (cert_activities_each(db, mark_certifying, g) != STORE_OK)
        return STORE_ERROR;
    if (g->too_large)
        return STORE_OK;
    if (!(g->rows = extsort_new((size_t)8 << 20)))
        return STORE_ERROR;
    g->on = true;
    return STORE_OK;
}

/* Gathers the row record LR (of employee EMPLOYEE_ROW, activity ACTIVITY_ROW)
 * gives cert_records, if any; false when out of memory. */
static bool cert_gather_add(cert_gather *g, int64_t employee_row, int64_t activity_row,
                            const learning_record *lr)
{
    if (!g->on || activity_row <= 0 || lr->result != RESULT_COMPLETED ||
        (size_t)activity_row >= g->nact || !g->certifies[activity_row])
        return true;
    int64_t day = cert_record_date(lr->start_date, lr->end_date) - date_from_ymd(1900, 1, 1);
    if (employee_row >= (int64_t)1 << CERT_EMP_BITS || day < 0 ||
        day >= (int64_t)1 << CERT_DAY_BITS) {
        g->on = false; /* the general way, for the whole load */
        return true;
    }
    uint64_t key = (uint64_t)employee_row << (CERT_ACT_BITS + CERT_DAY_BITS) |
                   (uint64_t)activity_row << CERT_DAY_BITS | (uint64_t)day;
    return extsort_add(g->rows, key, &key, sizeof key);
}

/* Adds this load's rows to cert_records: the gathered ones in key order,
 * each once, else those of every record after BEFORE. */
static int cert_gather_end(store *db, cert_gather *g, int64_t before)
{
    if (!g->on)
        return before >= 0 ? cert_records_add_after(db, before) : STORE_ERROR;
    if (!extsort_finish(g->rows))
        return STORE_ERROR;
    date_t epoch = date_from_ymd(1900, 1, 1);
    uint64_t last = 0;
    const void *rec;
    size_t len;
    int more, rc = STORE_OK;
    while (rc == STORE_OK && (more = extsort_next(g->rows, &rec, &len)) == 1) {
        uint64_t key;
        memcpy(&key, rec, sizeof key);
        if (key == last)
            continue; /* the same date twice */
        last = key;
        rc = cert_records_insert(db, (int64_t)(key >> (CERT_ACT_BITS + CERT_DAY_BITS)),
                                 (int64_t)(key >> CERT_DAY_BITS & ((1u << CERT_ACT_BITS) - 1)),
                                 epoch + (date_t)(key & ((1u << CERT_DAY_BITS) - 1)));
    }
    return rc == STORE_OK && more < 0 ? STORE_ERROR : rc;
}

static void cert_gather_free(cert_gather *g)
{
    free(g->certifies);
    extsort_free(g->rows);
}

/* The sort key of a pending record: employee row, then start date. */
static uint64_t pending_key(const void *rec)
{
    pending_record p;
    memcpy(&p, rec, sizeof p);
    return (uint64_t)p.employee_row << 18 | (uint64_t)(p.start - date_from_ymd(1900, 1, 1));
}

/* Two sorters read as one, by key, the first's first among equal keys (the
 * order of the file, whose first half it holds). */
typedef struct pending_pair {
    extsort *s[2];
    const void *rec[2];
    size_t len[2];
    int more[2];
    int last; /* the sorter handed out last, to move on at the next call */
} pending_pair;

static bool pair_start(pending_pair *q, extsort *first, extsort *second)
{
    *q = (pending_pair){{first, second}, {NULL, NULL}, {0, 0}, {0, 0}, -1};
    for (int i = 0; i < 2; i++) {
        if (q->s[i] && !extsort_finish(q->s[i]))
            return false;
        q->more[i] = q->s[i] ? extsort_next(q->s[i], &q->rec[i], &q->len[i]) : 0;
    }
    return q->more[0] >= 0 && q->more[1] >= 0;
}

/* The next record: 1, 0 after the last, -1 on failure. */
static int pair_next(pending_pair *q, const void **rec, size_t *len)
{
    if (q->last >= 0) {
        int i = q->last;
        q->more[i] = extsort_next(q->s[i], &q->rec[i], &q->len[i]);
        q->last = -1;
    }
    if (q->more[0] < 0 || q->more[1] < 0)
        return -1;
    if (!q->more[0] && !q->more[1])
        return 0;
    int i = !q->more[0] ? 1
            : !q->more[1] ? 0
            : pending_key(q->rec[1]) < pending_key(q->rec[0]) ? 1 : 0;
    *rec = q->rec[i];
    *len = q->len[i];
    q->last = i;
    return 1;
}

/* ---- The writing's feeder ----
 * Merging the sorted runs and adding each record to the sums and the
 * certifying dates is a sixth of the writing. A second thread (the feeder)
 * does it a block ahead, while this one inserts the block before. The feeder
 * writes nothing to the database: a failure on either side still rolls the
 * whole import back. Its blocks (some 800 KB) live on the heap, not on a
 * server thread's stack. */
enum { FEED_BLOCK = 4096, FEED_BLOCKS = 3 };

typedef struct feed_block {
    pending_record rec[FEED_BLOCK];
    size_t title_end[FEED_BLOCK]; /* end of record i's title in titles */
    str titles;
    size_t n;
} feed_block;

typedef struct feeder {
    pending_pair order;
    totals_acc *acc;
    cert_gather *certs;
    feed_block block[FEED_BLOCKS];
    size_t filled, taken; /* blocks handed over, blocks written; block i % FEED_BLOCKS */
    int status;           /* 0 more to come, 1 all handed over, -1 failed */
    bool stop;            /* the writer gave up */
    bool threaded;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t moved; /* filled, taken, status or stop changed */
} feeder;

/* The learning record of pending record P, whose title is TITLE (NULL for
 * none). */
static learning_record record_of(const pending_record *p, const char *title)
{
    learning_record lr = {0};
    lr.title = title;
    lr.own_type = p->own_type;
    lr.type = p->type;
    lr.start_date = p->start;
    lr.end_date = p->end;
    lr.hours = p->hours;
    lr.working_time = p->working_time;
    lr.cost = p->cost;
    lr.subsidy = p->subsidy;
    lr.training_leave = p->training_leave;
    lr.result = p->result;
    return lr;
}

/* Fills B with the next records in order, adding each to the sums and the
 * certifying dates: the number of records (below FEED_BLOCK only at the
 * end), -1 on failure. */
static long fill_block(feeder *f, feed_block *b)
{
    str_clear(&b->titles);
    b->n = 0;
    const void *rec;
    size_t len;
    int more = 1;
    while (b->n < FEED_BLOCK && (more = pair_next(&f->order, &rec, &len)) == 1) {
        pending_record *p = &b->rec[b->n];
        memcpy(p, rec, sizeof *p);
        if (len > sizeof *p && !str_append(&b->titles, (const char *)rec + sizeof *p,
                                           len - sizeof *p))
            return -1;
        b->title_end[b->n++] = b->titles.len;
        learning_record lr = record_of(p, NULL);
        if (!acc_add(f->acc, p->employee_row, &lr) ||
            !cert_gather_add(f->certs, p->employee_row, p->activity_row, &lr))
            return -1;
    }
    return more < 0 ? -1 : (long)b->n;
}

/* The feeder thread: fills blocks while the writer has room for them. */
static void *feed(void *arg)
{
    feeder *f = arg;
    pthread_mutex_lock(&f->lock);
    while (f->status == 0) {
        while (f->filled - f->taken == FEED_BLOCKS && !f->stop)
            pthread_cond_wait(&f->moved, &f->lock);
        if (f->stop)
            break;
        feed_block *b = &f->block[f->filled % FEED_BLOCKS];
        pthread_mutex_unlock(&f->lock); /* the writer does not touch B meanwhile */
        long n = fill_block(f, b);
        pthread_mutex_lock(&f->lock);
        if (n > 0)
            f->filled++;
        if (n < FEED_BLOCK)
            f->status = n < 0 ? -1 : 1;
        pthread_cond_broadcast(&f->moved);
    }
    pthread_mutex_unlock(&f->lock);
    return NULL;
}

/* Starts feeding from PENDING and SECOND, in a thread when THREADED (and
 * one can start). false on failure. */
static bool feeder_start(feeder *f, extsort *pending, extsort *second, totals_acc *acc,
                         cert_gather *certs, bool threaded)
{
    memset(f, 0, sizeof *f);
    f->acc = acc;
    f->certs = certs;
    for (int i = 0; i < FEED_BLOCKS; i++)
        f->block[i].titles = (str)STR_INIT;
    if (!pair_start(&f->order, pending, second) || pthread_mutex_init(&f->lock, NULL) != 0)
        return false;
    if (pthread_cond_init(&f->moved, NULL) != 0) {
        pthread_mutex_destroy(&f->lock);
        return false;
    }
    f->threaded = threaded && pthread_create(&f->thread, NULL, feed, f) == 0;
    return true;
}

/* The next block to write: 1 (*B set), 0 after the last, -1 on failure. */
static int feeder_next(feeder *f, feed_block **b)
{
    if (!f->threaded) {
        long n = fill_block(f, &f->block[0]);
        *b = &f->block[0];
        return n < 0 ? -1 : n > 0;
    }
    pthread_mutex_lock(&f->lock);
    while (f->filled == f->taken && f->status == 0)
        pthread_cond_wait(&f->moved, &f->lock);
    int got = f->filled > f->taken ? 1 : f->status < 0 ? -1 : 0;
    *b = &f->block[f->taken % FEED_BLOCKS];
    pthread_mutex_unlock(&f->lock);
    return got;
}

/* Gives the block feeder_next handed out back to the feeder. */
static void feeder_done(feeder *f)
{
    if (!f->threaded)
        return;
    pthread_mutex_lock(&f->lock);
    f->taken++;
    pthread_cond_broadcast(&f->moved);
    pthread_mutex_unlock(&f->lock);
}

/* Stops the feeder (when the writer stopped early) and frees its blocks. */
static void feeder_end(feeder *f)
{
    if (f->threaded) {
        pthread_mutex_lock(&f->lock);
        f->stop = true;
        pthread_cond_broadcast(&f->moved);
        pthread_mutex_unlock(&f->lock);
        pthread_join(f->thread, NULL);
    }
    pthread_cond_destroy(&f->moved);
    pthread_mutex_destroy(&f->lock);
    for (int i = 0; i < FEED_BLOCKS; i++)
        str_free(&f->block[i].titles);
}

/* Inserts the records of block B; STORE_OK or the failure. */
static int write_block(job *j, const feed_block *b, str *title, size_t *written)
{
    int rc = STORE_OK;
    for (size_t i = 0; rc == STORE_OK && i < b->n; i++) {
        size_t from = i ? b->title_end[i - 1] : 0;
        str_clear(title);
        if (b->title_end[i] > from &&
            !str_append(title, b->titles.p + from, b->title_end[i] - from))
            return STORE_ERROR;
        learning_record lr = record_of(&b->rec[i], b->title_end[i] > from ? str_cstr(title)
                                                                          : NULL);
        rc = learning_insert_only(j->db, &lr, b->rec[i].employee_row, b->rec[i].activity_row);
        if (++*written % PROGRESS_EVERY == 0 && j->opt->progress)
            j->opt->progress(j->opt->ctx, _("writing"), *written);
    }
    return rc;
}

/* Says why feeding the writing failed, unless PENDING or SECOND does (which
 * import_learning passes on): the sorter of the sums or of the certifying
 * dates, else memory. */
static void feed_failed(job *j, extsort *pending, extsort *second, const totals_acc *acc,
                        const cert_gather *certs)
{
    if (*extsort_error(pending) || (second && *extsort_error(second)))
        return;
    str_puts(j->err, *extsort_error(acc->sorted)                 ? extsort_error(acc->sorted)
                     : certs->rows && *extsort_error(certs->rows) ? extsort_error(certs->rows)
                                                                  : "out of memory");
}

/* Writes the records of PENDING and SECOND (NULL when one thread read the
 * file) in order (employee, then date), and adds them to ACC: in that order
 * each employee's sums are touched once, not all over memory. */
static int write_learning(job *j, extsort *pending, extsort *second, totals_acc *acc)
{
    int rc = STORE_OK;
    if (j->opt->replace_record)
        rc = learning_delete(j->db, j->opt->replace_record);
    int64_t before = rc == STORE_OK ? learning_last_id(j->db) : 0; /* cert_records below */
    cert_gather certs;
    if (rc == STORE_OK)
        rc = cert_gather_begin(j->db, &certs);
    else
        memset(&certs, 0, sizeof certs);
    size_t n = extsort_count(pending) + (second ? extsort_count(second) : 0);
    bool threaded = !j->opt->one_reader && n > FEED_BLOCK;
    feeder *f = rc == STORE_OK ? malloc(sizeof *f) : NULL;
    if (rc == STORE_OK && (!f || !feeder_start(f, pending, second, acc, &certs, threaded))) {
        rc = STORE_ERROR;
        feed_failed(j, pending, second, acc, &certs);
    } else if (rc == STORE_OK) {
        str title = STR_INIT; /* the current record's, NUL-terminated */
        size_t written = 0;
        feed_block *b;
        int more = 0;
        while (rc == STORE_OK && (more = feeder_next(f, &b)) == 1) {
            rc = write_block(j, b, &title, &written);
            feeder_done(f);
        }
        if (rc == STORE_OK && more < 0)
            rc = STORE_ERROR;
        feeder_end(f);
        if (more < 0)
            feed_failed(j, pending, second, acc, &certs);
        str_free(&title);
    }
    free(f);
    /* The side table of certifying records gets this import's in one go. */
    if (rc == STORE_OK)
        rc = cert_gather_end(j->db, &certs, before);
    cert_gather_free(&certs);
    return rc;
}

/* Keeps the valid record LR (of known employee EI, activity AI) in PENDING
 * for the writing, sorted by employee row and start date. false when out of
 * memory or the sorter's file failed. */
static bool keep_learning(const known *k, const learning_record *lr, int64_t ei, int64_t ai,
                          extsort *pending)
{
    pending_record p;
    memset(&p, 0, sizeof p); /* the padding too: the record is written to a file as it is */
    p.employee_row = k->emp[ei].row;
    p.activity_row = ai >= 0 ? k->act[ai].row : 0;
    p.hours = lr->hours;
    p.cost = lr->cost;
    p.subsidy = lr->subsidy;
    p.start = lr->start_date;
    p.end = lr->end_date;
    p.own_type = (int8_t)lr->own_type;
    p.type = (int8_t)lr->type;
    p.working_time = (int8_t)lr->working_time;
    p.training_leave = (int8_t)lr->training_leave;
    p.result = (int8_t)lr->result;
    size_t title_len = lr->title ? strlen(lr->title) : 0;
    unsigned char buf[sizeof p + 256];
    unsigned char *rec = title_len <= 256 ? buf : malloc(sizeof p + title_len);
    if (!rec)
        return false;
    memcpy(rec, &p, sizeof p);
    if (title_len)
        memcpy(rec + sizeof p, lr->title, title_len);
    date_t epoch = date_from_ymd(1900, 1, 1);
    uint64_t key = (uint64_t)p.employee_row << 18 | (uint64_t)(p.start - epoch);
    bool ok = extsort_add(pending, key, rec, sizeof p + title_len);
    if (rec != buf)
        free(rec);
    return ok;
}

/* Reads and checks the rows of J's reader to its end, keeping the valid
 * records in PENDING. *END: 0 when the reader ended cleanly, -1 when the
 * file is malformed there. */
static int read_learning(job *j, const known *k, extsort *pending, const char *name, int *end)
{
    int rc = STORE_OK, got = 0;
    while (rc == STORE_OK && (got = next_row(j, name)) > 0) {
        learning_record lr;
        int64_t ei, ai;
        bool parsed = import_parse_learning(j->log, &j->h, &j->r, &j->rowmem, &lr);
        if (!check_learning(j, k, &lr, &ei, &ai) || !parsed)
            j->writing = false;
        if (j->writing && !keep_learning(k, &lr, ei, ai, pending))
            rc = STORE_ERROR;
    }
    *end = got;
    return rc;
}

/* ---- Reading a big learning file with two threads ----
 * Reading and checking the rows is about a third of a big import, and the
 * rows are independent: a second thread reads the second half of the file
 * into its own sorter and log while this one reads the first. The half-way
 * point is a guess (the byte after a line break); it holds when the first
 * reader, stopped there, ends cleanly exactly on it. When it does not (a
 * quoted field with a line break spans it) the file is read again by one
 * thread, its pages first given back so the second reader's in-place
 * unescaping is undone. Only for a mapped file: that is what can be read
 * again. */
#define TWO_READERS_MIN ((size_t)1 << 20)

typedef struct second_half {
    const char *lang; /* the messages' language, which is per thread */
    job j;
    const known *k;
    extsort *pending;
    import_log log;
    arena logmem;
    import_counts counts;
    import_options opt;
    const char *name;
    int rc, end;
} second_half;

static void *read_second_half(void *arg)
{
    second_half *h = arg;
    i18n_set_lang(h->lang);
    h->rc = read_learning(&h->j, h->k, h->pending, h->name, &h->end);
    return NULL;
}

/* The byte after the first line break past the middle of the rows, or 0
 * when the file is small or J's input cannot be read again. */
static size_t guess_half(const job *j)
{
    size_t from = j->r.pos, len = j->r.len;
    if (!j->release_base || j->r.source || j->opt->one_reader || len - from < TWO_READERS_MIN)
        return 0;
    size_t mid = from + (len - from) / 2;
    const char *nl = memchr(j->r.buf + mid, '\n', len - mid);
    size_t split = nl ? (size_t)(nl - j->r.buf) + 1 : 0;
    return split < len ? split : 0;
}

/* Starts the second reader on J's input from SPLIT; false when it could not
 * be started (one thread reads it all then). */
static bool start_second_half(second_half *h, pthread_t *t, const job *j, const known *k,
                              size_t split, size_t memory, const char *name)
{
    memset(h, 0, sizeof *h);
    if (!(h->pending = extsort_new(memory)))
        return false;
    h->lang = i18n_lang();
    h->j = *j;
    h->k = k;
    h->name = name;
    h->opt = *j->opt;
    h->opt.progress = NULL; /* the first reader tells the progress */
    import_log_init(&h->log, &h->logmem);
    h->log.file = j->log->file;
    h->j.log = &h->log;
    h->j.counts = &h->counts;
    h->j.opt = &h->opt;
    h->j.rowmem = (arena)ARENA_INIT;
    h->j.keep = (arena)ARENA_INIT;
    h->j.writing = true;
    memset(&h->j.r, 0, sizeof h->j.r);
    h->j.r.buf = j->r.buf;
    h->j.r.len = j->r.len;
    h->j.r.pos = split;
    h->j.r.line = 1; /* counted from the split; moved on when merged */
    h->j.r.sep = j->r.sep;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    h->j.released = (split + page - 1) / page * page;
    if (pthread_create(t, NULL, read_second_half, h) != 0) {
        extsort_free(h->pending);
        return false;
    }
    return true;
}

/* Adds H's problems and rows to J's, its lines moved on by LINES. */
static void merge_second_half(job *j, second_half *h, long lines)
{
    for (size_t i = 0; i < h->log.kept && j->log->kept < IMPORT_MAX_PROBLEMS; i++) {
        import_problem p = h->log.problems[i];
        p.line += lines;
        p.value = p.value ? arena_strdup(j->log->a, p.value) : NULL;
        p.expected = arena_strdup(j->log->a, p.expected);
        j->log->problems[j->log->kept++] = p;
    }
    j->log->total += h->log.total;
    j->counts->rows += h->counts.rows;
    j->writing = j->writing && h->j.writing;
}

static void free_second_half(second_half *h)
{
    extsort_free(h->pending);
    csv_close(&h->j.r);
    arena_free(&h->j.rowmem);
    arena_free(&h->j.keep);
    arena_free(&h->logmem);
}

/* Reads every row of J's learning file into *PENDING (and, when two threads
 * read it, *SECOND), checking each. */
static int read_learning_file(job *j, const known *k, extsort **pending, extsort **second,
                              const char *name)
{
    size_t memory = j->opt->sort_memory ? j->opt->sort_memory : IMPORT_SORT_MEMORY;
    size_t split = guess_half(j);
    second_half h;
    pthread_t t;
    if (split && !start_second_half(&h, &t, j, k, split, memory / 2, name))
        split = 0;
    /* What a second reading by one thread starts from. */
    size_t from = j->r.pos, full = j->r.len, released = j->released, kept = j->log->kept,
           total = j->log->total, rows = j->counts->rows;
    long line = j->r.line;
    bool writing = j->writing;
    if (split)
        j->r.len = split;
    int end, rc = read_learning(j, k, *pending, name, &end);
    if (!split)
        return rc;
    pthread_join(t, NULL);
    if (rc == STORE_OK && h.rc == STORE_OK && end == 0 && j->r.pos == split) {
        merge_second_half(j, &h, j->r.line - 1);
        *second = h.pending;
        h.pending = NULL;
        j->r.len = full;
        free_second_half(&h);
        return STORE_OK;
    }
    if (rc == STORE_OK && h.rc != STORE_OK)
        rc = h.rc;
    free_second_half(&h);
    if (rc != STORE_OK)
        return rc;
    /* The guess fell inside a record: everything again, by one thread. */
    madvise(j->r.buf + released, full - released, MADV_DONTNEED);
    j->r.pos = from;
    j->r.len = full;
    j->r.line = line;
    j->released = released;
    j->log->kept = kept;
    j->log->total = total;
    j->counts->rows = rows;
    j->writing = writing;
    extsort_free(*pending);
    if (!(*pending = extsort_new(memory)))
        return STORE_ERROR;
    return read_learning(j, k, *pending, name, &end);
}

static int import_learning(job *j, const char *name)
{
    known k = {MAP_INIT, NULL, 0, 0, MAP_INIT, NULL, 0, 0};
    int rc = employees_each_brief(j->db, add_employee, &k);
    if (rc == STORE_OK)
        rc = activities_each_brief(j->db, add_activity, &k);
    /* The default keeps a file of some hundred thousand rows in memory; the
     * sums get half as much. */
    size_t memory = j->opt->sort_memory ? j->opt->sort_memory : IMPORT_SORT_MEMORY;
    extsort *pending = extsort_new(memory);
    extsort *second = NULL; /* the second half's, when two threads read */
    totals_acc *acc = acc_new(memory / 2);
    if (rc == STORE_OK && (!pending || !acc))
        rc = STORE_ERROR;
    if (rc == STORE_OK)
        rc = read_learning_file(j, &k, &pending, &second, name);
    const char *why = pending && *extsort_error(pending) ? extsort_error(pending)
                      : second && *extsort_error(second) ? extsort_error(second) : NULL;
    if (rc != STORE_OK && why)
        str_puts(j->err, why);
    if (rc == STORE_OK && j->writing && j->log->total == 0) {
        size_t n = extsort_count(pending) + (second ? extsort_count(second) : 0);
        if (j->opt->replace_year)
            rc = learning_delete_year(j->db, j->opt->replace_year, &j->counts->deleted);
        if (rc == STORE_OK)
            rc = write_learning(j, pending, second, acc);
        why = *extsort_error(pending) ? extsort_error(pending)
              : second && *extsort_error(second) ? extsort_error(second) : NULL;
        if (rc != STORE_OK && why)
            str_puts(j->err, why);
        if (rc == STORE_OK && (rc = acc_flush(j->db, acc)) != STORE_OK &&
            *extsort_error(acc->sorted))
            str_puts(j->err, extsort_error(acc->sorted));
        if (rc == STORE_OK)
            j->counts->created += n;
    }
    acc_free(acc);
    extsort_free(pending);
    extsort_free(second);
    known_free(&k);
    return rc;
}

static int import_funding(job *j, const char *name)
{
    map seen = MAP_INIT;
    int rc = STORE_OK;
    while (rc == STORE_OK && next_row(j, name) > 0) {
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
    while (rc == STORE_OK && next_row(j, name) > 0) {
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
    map seen = MAP_INIT, functions = MAP_INIT, codes = MAP_INIT;
    row_images stored = ROW_IMAGES_INIT;
    int rc = cache_names(j->db, &j->keep, &functions, functions_list);
    if (rc == STORE_OK)
        rc = competences_each_brief(j->db, put_code, &codes);
    if (rc == STORE_OK)
        rc = profiles_each_stored(j->db, keep_profile, &stored);
    while (rc == STORE_OK && next_row(j, name) > 0) {
        profile_line p;
        bool ok = import_parse_profile(j->log, &j->h, &j->r, &j->rowmem, &p);
        int64_t function_row = 0, competence_row = 0, first;
        if (p.function && !map_get(&functions, p.function, strlen(p.function), &function_row)) {
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
    map_free(&functions);
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
    while (rc == STORE_OK && next_row(j, name) > 0) {
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
 * changed end into UPDATES (id and end) for later; *outcome says which. */
static int write_mentor(store *db, row_images *stored, row_images *updates, int64_t newcomer,
                        int64_t mentor, const mentor_assignment *m, int *outcome)
{
    char key[MENTOR_KEY_SIZE], end[DATE_TEXT_SIZE];
    date_format(m->to, end);
    const char *v[1] = {m->to == DATE_NONE ? NULL : end};
    long at = row_images_find(stored, mentor_key(newcomer, mentor, m->from, key));
    if (at < 0) {
        *outcome = UPSERT_CREATED;
        return mentors_insert(db, newcomer, mentor, m->from, m->to);
    }
    if (row_images_same(stored, (size_t)at, v, 1)) {
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
    int rc = employees_each_brief(j->db, add_employee, &k);
    if (rc == STORE_OK)
        rc = mentors_each_stored(j->db, keep_mentor, &stored);
    while (rc == STORE_OK && next_row(j, name) > 0) {
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
                               &outcome)) == STORE_OK)
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
 * file's manager checks come last); at most IMPORT_MAX_PROBLEMS, so an
 * insertion sort does. */
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
    bool writing = true;
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
    if (log->total > 0) {
        store_rollback(db);
        sort_problems(log);
        memset(counts, 0, IMPORT_KINDS * sizeof *counts);
        return IMPORT_REJECTED;
    }
    if (store_commit(db) != STORE_OK) {
        str_puts(err, store_error(db));
        store_rollback(db);
        return IMPORT_FAILED;
    }
    return IMPORT_DONE;
}
