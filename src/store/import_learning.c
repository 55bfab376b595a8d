/* import_learning.c - the learning import: every row read and checked
 * first (two threads for a big file), the valid records sorted by employee
 * and date in bounded memory, then written in that order with their sums
 * and certifying dates, all in the import's one transaction. */
#include "store/import_job.h"
#include "store/data.h"
#include "store/certifications.h"
#include "util/i18n.h"
#include "util/locale_fmt.h"
#include "util/extsort.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

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
    /* The dates of a problem as the reader writes them (5/03/2026 in Dutch),
     * as the import took them in. */
    const char *lang = i18n_lang();
    char value[FMT_SIZE]; /* the start date, written only for a problem */
    if (*ei >= 0 && lr->start_date != DATE_NONE &&
        !date_employed_on(k->emp[*ei].hire, k->emp[*ei].exit, lr->start_date)) {
        char hire[FMT_SIZE], exit_[FMT_SIZE];
        if (!fmt_date(lang, lr->start_date, value, sizeof value) ||
            !fmt_date(lang, k->emp[*ei].hire, hire, sizeof hire) ||
            !fmt_date(lang, k->emp[*ei].exit, exit_, sizeof exit_))
            return false; /* cannot happen: FMT_SIZE holds any date */
        import_problem_add(j->log, j->r.record_line, "start_date", value, strlen(value),
                           _("a date within the employment (%s to %s)"), hire,
                           *exit_ ? exit_ : "…");
        ok = false;
    }
    if (year && lr->start_date != DATE_NONE && date_year(lr->start_date) != year) {
        if (!fmt_date(lang, lr->start_date, value, sizeof value))
            return false;
        import_problem_add(j->log, j->r.record_line, "start_date", value, strlen(value),
                           _("a date in %d, the year this import replaces"), year);
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
        /* its own id, not the largest: on PostgreSQL another writer's
         * record may have come after it meanwhile */
        if (rc == STORE_OK && j->opt->replace_record && (j->corrected = store_last_id(j->db)) <= 0)
            rc = STORE_ERROR;
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
    int64_t before = learning_last_id(j->db); /* cert_records below */
    if (before < 0)
        rc = STORE_ERROR;
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
    /* A corrected record is written anew: what pointed at the old one (its
     * evaluation, the logged learning or enrolment it came from, a claim)
     * follows it to the new one, and then the old one goes. Deleting it
     * first left those pointing at nothing (SQLite checks no foreign key in
     * a bulk load) or failed the correction (PostgreSQL). */
    if (rc == STORE_OK && j->opt->replace_record) {
        rc = j->corrected > before
                 ? learning_move_ties(j->db, j->opt->replace_record, j->corrected)
                 : STORE_ERROR;
        if (rc == STORE_OK)
            rc = learning_delete(j->db, j->opt->replace_record);
    }
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
    while (rc == STORE_OK && (got = import_next_row(j, name)) > 0) {
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
    for (size_t i = 0; i < h->log.kept; i++) {
        import_problem p = h->log.problems[i];
        p.line += lines;
        import_problem_keep(j->log, &p); /* past the first bad rows: counted only */
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
    import_log_rewind(j->log, kept, total);
    j->counts->rows = rows;
    j->writing = writing;
    extsort_free(*pending);
    if (!(*pending = extsort_new(memory)))
        return STORE_ERROR;
    return read_learning(j, k, *pending, name, &end);
}

/* How many records after BEFORE (the highest id before the import) are
 * the same as one stored before them: the same person, start date, hours,
 * and activity or title. The records stay (DESIGN: there is no record id,
 * a file imported twice is added twice); the count is for a warning. One
 * probe of learning_employee per new record, and none on a first load. */
static int64_t count_repeated(store *db, int64_t before)
{
    if (before <= 0)
        return 0;
    stmt *s = store_prepare(db, "SELECT count(*) FROM learning_records n WHERE n.id > ?1 AND "
                                "EXISTS (SELECT 1 FROM learning_records o WHERE "
                                "o.employee_id = n.employee_id AND o.start_date = n.start_date "
                                "AND o.id <= ?1 AND o.hours = n.hours AND (o.activity_id = "
                                "n.activity_id OR (o.activity_id IS NULL AND n.activity_id IS "
                                "NULL)) AND (o.title = n.title OR (o.title IS NULL AND n.title "
                                "IS NULL)))");
    if (!s)
        return -1;
    stmt_bind_int(s, 1, before);
    int64_t n = stmt_step(s) == STORE_ROW ? stmt_int(s, 0) : -1;
    stmt_done(s);
    return n;
}

int import_learning(job *j, const char *name)
{
    known k = {MAP_INIT, NULL, 0, 0, MAP_INIT, NULL, 0, 0};
    int rc = known_load(j->db, &k);
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
        /* a correction replaces its record: nothing it could repeat */
        int64_t before = j->opt->replace_record ? 0
                                                : store_count(j->db, "SELECT coalesce(max(id), 0) "
                                                                     "FROM learning_records");
        if (before < 0)
            rc = STORE_ERROR;
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
        if (rc == STORE_OK && (j->counts->repeated = count_repeated(j->db, before)) < 0)
            rc = STORE_ERROR;
    }
    acc_free(acc);
    extsort_free(pending);
    extsort_free(second);
    known_free(&k);
    return rc;
}

