/* import.c - see import.h. */
#include "store/import.h"
#include "store/data.h"
#include "util/i18n.h"
#include "util/map.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    size_t estimated_rows; /* lines in the file */
} job;

/* Files of at least this many rows load without indexes (see import_learning). */
#define BULK_ROWS 50000

static void count(job *j, int outcome)
{
    if (outcome == UPSERT_CREATED)
        j->counts->created++;
    else if (outcome == UPSERT_UPDATED)
        j->counts->updated++;
    else
        j->counts->unchanged++;
}

/* Reads the next row; 1, 0 at the end, -1 when the file is malformed. */
static int next_row(job *j, const char *name)
{
    arena_reset(&j->rowmem);
    int rc = csv_next(&j->r);
    if (rc < 0) {
        import_problem_add(j->log, j->r.record_line, NULL, NULL, 0, "%s", _(j->r.error));
        j->writing = false;
        return -1;
    }
    if (rc > 0 && ++j->counts->rows % PROGRESS_EVERY == 0 && j->opt->progress)
        j->opt->progress(j->opt->ctx, name, j->counts->rows);
    return rc;
}

/* A manager link to make once every employee of the file is in. */
typedef struct manager_link {
    const char *employee_id, *manager_id;
    long line;
    int outcome;
} manager_link;

static int import_employees(job *j, const char *name)
{
    map seen = MAP_INIT;
    manager_link *links = NULL;
    size_t nlinks = 0, caplinks = 0;
    int rc = STORE_OK;
    while (rc == STORE_OK && next_row(j, name) > 0) {
        employee e;
        bool ok = import_parse_employee(j->log, &j->h, &j->r, &j->rowmem, &e);
        int64_t line_of_first;
        if (e.employee_id && map_get(&seen, e.employee_id, strlen(e.employee_id), &line_of_first)) {
            import_problem_add(j->log, j->r.record_line, "employee_id", e.employee_id,
                               strlen(e.employee_id), _("an id not used before in this file "
                                                        "(also on line %lld)"),
                               (long long)line_of_first);
            ok = false;
        } else if (e.employee_id &&
                   !map_put(&seen, e.employee_id, strlen(e.employee_id), j->r.record_line)) {
            rc = STORE_ERROR;
        }
        if (!ok)
            j->writing = false;
        if (!ok || rc != STORE_OK)
            continue;
        int64_t row;
        int outcome = UPSERT_UNCHANGED;
        if (j->writing && (rc = employees_upsert(j->db, &e, &row, &outcome)) != STORE_OK)
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
    /* Managers may stand anywhere in the file, or already be in the database. */
    for (size_t i = 0; rc == STORE_OK && i < nlinks; i++) {
        manager_link *l = &links[i];
        int64_t mrow = 0;
        if (l->manager_id && map_get(&seen, l->manager_id, strlen(l->manager_id), &mrow))
            mrow = 1;
        else if (l->manager_id)
            mrow = employees_row(j->db, l->manager_id);
        if (mrow < 0) {
            rc = STORE_ERROR;
        } else if (l->manager_id && mrow == 0) {
            j->writing = false;
            import_problem_add(j->log, l->line, "manager_id", l->manager_id,
                               strlen(l->manager_id), "%s",
                               _("the employee_id of someone in this file or already known"));
        } else if (j->writing) {
            int changed;
            rc = employees_set_manager(j->db, l->employee_id, l->manager_id, &changed);
            if (changed && l->outcome == UPSERT_UNCHANGED)
                l->outcome = UPSERT_UPDATED;
        }
    }
    for (size_t i = 0; rc == STORE_OK && j->log->total == 0 && i < nlinks; i++)
        count(j, links[i].outcome);
    free(links);
    map_free(&seen);
    return rc;
}

static int import_activities(job *j, const char *name)
{
    map seen = MAP_INIT;
    int rc = STORE_OK;
    while (rc == STORE_OK && next_row(j, name) > 0) {
        activity x;
        bool ok = import_parse_activity(j->log, &j->h, &j->r, &j->rowmem, &x);
        int64_t first;
        if (x.code && map_get(&seen, x.code, strlen(x.code), &first)) {
            import_problem_add(j->log, j->r.record_line, "code", x.code, strlen(x.code),
                               _("a code not used before in this file (also on line %lld)"),
                               (long long)first);
            ok = false;
        } else if (x.code && !map_put(&seen, x.code, strlen(x.code), j->r.record_line)) {
            rc = STORE_ERROR;
        }
        if (!ok)
            j->writing = false;
        if (!j->writing || rc != STORE_OK)
            continue;
        int64_t row;
        int outcome;
        if ((rc = activities_upsert(j->db, &x, &row, &outcome)) == STORE_OK)
            count(j, outcome);
    }
    map_free(&seen);
    return rc;
}

/* The sums of the learning a file adds, per employee, year and type, written
 * to learning_totals once at the end instead of once per record. Each known
 * employee has a short chain of (year, type) sums: a file of millions of
 * records touches only a few per employee. */
typedef struct acc_sum {
    int64_t row;
    int year, type;
    learning_total t;
    int32_t next; /* the next sum of the same employee, or -1 */
} acc_sum;

typedef struct totals_acc {
    int32_t *head; /* per known employee: its first sum, or -1 */
    acc_sum *sums;
    size_t n, cap;
} totals_acc;

static bool acc_init(totals_acc *acc, size_t nemployees)
{
    memset(acc, 0, sizeof *acc);
    acc->head = malloc((nemployees + 1) * sizeof *acc->head);
    if (!acc->head)
        return false;
    for (size_t i = 0; i <= nemployees; i++)
        acc->head[i] = -1;
    return true;
}

static void acc_free(totals_acc *acc)
{
    free(acc->head);
    free(acc->sums);
}

/* Adds record R of the known employee at index EI (row ROW). */
static bool acc_add(totals_acc *acc, size_t ei, int64_t row, const learning_record *r)
{
    int year = date_year(r->start_date);
    int32_t k = acc->head[ei];
    while (k >= 0 && (acc->sums[k].year != year || acc->sums[k].type != r->type))
        k = acc->sums[k].next;
    if (k < 0) {
        if (acc->n == acc->cap) {
            size_t cap = acc->cap ? acc->cap * 2 : 4096;
            void *p = realloc(acc->sums, cap * sizeof *acc->sums);
            if (!p || cap > INT32_MAX)
                return false;
            acc->sums = p;
            acc->cap = cap;
        }
        k = (int32_t)acc->n++;
        acc->sums[k] = (acc_sum){row, year, r->type, {0, 0, 0, 0, 0}, acc->head[ei]};
        acc->head[ei] = k;
    }
    learning_total one;
    learning_totals_of(r, &one);
    learning_total *t = &acc->sums[k].t;
    t->records += one.records;
    t->hours += one.hours;
    t->cost += one.cost;
    t->subsidy += one.subsidy;
    t->right_hours += one.right_hours;
    return true;
}

/* The order of learning_totals' key, so the writes append. */
static int by_totals_key(const void *a, const void *b)
{
    const acc_sum *x = a, *y = b;
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return (x->type > y->type) - (x->type < y->type);
}

static int acc_flush(store *db, totals_acc *acc)
{
    qsort(acc->sums, acc->n, sizeof *acc->sums, by_totals_key);
    int rc = STORE_OK;
    for (size_t i = 0; rc == STORE_OK && i < acc->n; i++)
        rc = learning_totals_add(db, acc->sums[i].row, acc->sums[i].year, acc->sums[i].type,
                                 &acc->sums[i].t, 1);
    return rc;
}

static int import_learning(job *j, const char *name)
{
    totals_acc acc = {NULL, NULL, 0, 0};
    known k = {MAP_INIT, NULL, 0, 0, MAP_INIT, NULL, 0, 0};
    int rc = employees_each_brief(j->db, add_employee, &k);
    if (rc == STORE_OK && !acc_init(&acc, k.nemp))
        rc = STORE_ERROR;
    if (rc == STORE_OK)
        rc = activities_each_brief(j->db, add_activity, &k);
    int year = j->opt->replace_year;
    if (rc == STORE_OK && year && j->writing)
        rc = learning_delete_year(j->db, year, &j->counts->deleted);
    /* Many rows load faster into a table without its indexes, built again
     * once at the end: worth it when the file is large against the table. */
    str saved_indexes = STR_INIT;
    bool dropped = false;
    if (rc == STORE_OK && j->writing && j->estimated_rows >= BULK_ROWS) {
        int64_t existing = learning_count(j->db);
        if (existing >= 0 && (int64_t)j->estimated_rows * 2 >= existing) {
            rc = store_indexes_drop(j->db, "learning_records", &saved_indexes);
            dropped = rc == STORE_OK;
        }
    }
    while (rc == STORE_OK && next_row(j, name) > 0) {
        learning_record lr;
        bool ok = import_parse_learning(j->log, &j->h, &j->r, &j->rowmem, &lr);
        int64_t ei = -1, ai = -1;
        if (lr.employee_id && !map_get(&k.employees, lr.employee_id, strlen(lr.employee_id), &ei)) {
            import_problem_add(j->log, j->r.record_line, "employee_id", lr.employee_id,
                               strlen(lr.employee_id), "%s",
                               _("the employee_id of a known employee"));
            ok = false;
        }
        if (lr.activity_code &&
            !map_get(&k.activities, lr.activity_code, strlen(lr.activity_code), &ai)) {
            import_problem_add(j->log, j->r.record_line, "activity_code", lr.activity_code,
                               strlen(lr.activity_code), "%s",
                               _("the code of an activity in the catalogue"));
            ok = false;
        }
        if (ei >= 0 && lr.start_date != DATE_NONE &&
            !date_employed_on(k.emp[ei].hire, k.emp[ei].exit, lr.start_date)) {
            char hire[DATE_TEXT_SIZE], exit_[DATE_TEXT_SIZE];
            date_format(k.emp[ei].hire, hire);
            date_format(k.emp[ei].exit, exit_);
            char value[DATE_TEXT_SIZE];
            date_format(lr.start_date, value);
            import_problem_add(j->log, j->r.record_line, "start_date", value, strlen(value),
                               _("a date within the employment (%s to %s)"), hire,
                               *exit_ ? exit_ : "…");
            ok = false;
        }
        if (year && lr.start_date != DATE_NONE && date_year(lr.start_date) != year) {
            char value[DATE_TEXT_SIZE];
            date_format(lr.start_date, value);
            import_problem_add(j->log, j->r.record_line, "start_date", value, strlen(value),
                               _("a date in %d (--replace-year)"), year);
            ok = false;
        }
        if (!ok)
            j->writing = false;
        if (!j->writing)
            continue;
        if (lr.type < 0)
            lr.type = ai >= 0 ? k.act[ai].type : TYPE_FORMAL;
        if (j->opt->replace_record && (rc = learning_delete(j->db, j->opt->replace_record)) !=
                                          STORE_OK)
            break;
        if ((rc = learning_insert_only(j->db, &lr, k.emp[ei].row,
                                       ai >= 0 ? k.act[ai].row : 0)) == STORE_OK) {
            j->counts->created++;
            if (!acc_add(&acc, (size_t)ei, k.emp[ei].row, &lr))
                rc = STORE_ERROR;
        }
    }
    if (rc == STORE_OK && j->writing && j->log->total == 0)
        rc = acc_flush(j->db, &acc);
    acc_free(&acc);
    if (rc == STORE_OK && dropped && j->writing && j->log->total == 0)
        rc = store_indexes_restore(j->db, &saved_indexes);
    str_free(&saved_indexes);
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
                      import_counts *counts, bool *writing)
{
    job j = {db, log, opt, counts, {0}, {0}, ARENA_INIT, ARENA_INIT, *writing, 0};
    for (const char *p = in->data, *end = in->data + in->len;
         p && p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++)
        j.estimated_rows++;
    log->file = in->name;
    csv_open(&j.r, in->data, in->len);
    int rc = STORE_OK;
    if (!import_read_header(log, &j.r, in->kind, &j.h)) {
        j.writing = false;
    } else {
        switch (in->kind) {
        case IMPORT_EMPLOYEES: rc = import_employees(&j, in->name); break;
        case IMPORT_ACTIVITIES: rc = import_activities(&j, in->name); break;
        case IMPORT_LEARNING: rc = import_learning(&j, in->name); break;
        default: rc = import_funding(&j, in->name); break;
        }
    }
    if (rc == STORE_OK && log->total == 0)
        rc = audit_import(db, opt->actor, in, counts);
    *writing = j.writing && log->total == 0;
    csv_close(&j.r);
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
                rc = import_one(db, &inputs[i], opt, log, &counts[kind], &writing);
    if (rc != STORE_OK) {
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
