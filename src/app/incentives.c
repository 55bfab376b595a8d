/* incentives.c (app) - see incentives.h. */
#include "app/incentives.h"
#include "core/policy.h"
#include "core/rules.h"
#include "store/facts.h"
#include "util/decimal.h"
#include "util/jsonw.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int incentive_employer_size(store *db, arena *a, int year, int64_t *out)
{
    rule_settings s;
    facts f;
    if (rule_settings_load(db, &s) != STORE_OK || facts_load_staff(db, a, &f) != STORE_OK)
        return STORE_ERROR;
    employer_size size = employer_size_for(&f, &s, year);
    *out = size.quarters ? size.sum / ((int64_t)size.quarters * 100) : 0;
    return STORE_OK;
}

/* Groups the school year's courses per employee and computes each refund. */
static int leave_people(arena *a, incentive_year *y, const incentive_scheme *leave)
{
    y->lines = y->nrows ? arena_alloc(a, y->nrows * sizeof *y->lines) : NULL;
    y->people = y->nrows ? arena_alloc(a, y->nrows * sizeof *y->people) : NULL;
    if (y->nrows && (!y->lines || !y->people))
        return STORE_ERROR;
    leave_course *courses = y->nrows ? arena_alloc(a, y->nrows * sizeof *courses) : NULL;
    if (y->nrows && !courses)
        return STORE_ERROR;
    for (size_t i = 0; i < y->nrows; i++)
        courses[i] = (leave_course){y->rows[i].record_id, y->rows[i].start_date,
                                    y->rows[i].hours};
    for (size_t i = 0; i < y->nrows;) {
        size_t k = i;
        while (k < y->nrows && y->rows[k].employee_row == y->rows[i].employee_row)
            k++;
        leave_person *p = &y->people[y->npeople++];
        *p = (leave_person){y->rows[i].employee_row, y->rows[i].employee_id, y->rows[i].name,
                            y->rows[i].fte, {0}, i, k - i, 0, 0, 0};
        training_leave_refund(p->fte, y->year, &courses[i], k - i,
                              leave ? leave->params : NULL, leave ? leave->nparams : 0, &p->r,
                              &y->lines[i]);
        y->refund_num += p->r.refund_num;
        i = k;
    }
    return STORE_OK;
}

static int person_cmp(const void *key, const void *item)
{
    return strcmp(key, ((const leave_person *)item)->employee_id);
}

/* Adds claim C to its scheme's figures (and its employee's, for training leave). */
static void count_claim(incentive_year *y, const incentive_claim *c)
{
    for (size_t i = 0; i < y->nschemes; i++) {
        scheme_year *s = &y->per_scheme[i];
        if (s->scheme->id != c->scheme_id || c->period_year != s->period_year)
            continue;
        int64_t *slot = c->status == CLAIM_TO_FILE ? &s->to_file
                      : c->status == CLAIM_FILED ? &s->filed
                      : c->status == CLAIM_PAID ? &s->paid : &s->refused;
        int64_t amount = c->status == CLAIM_PAID ? c->paid_amount : c->amount;
        *slot += amount;
        if (s->scheme->kind == KIND_TRAINING_LEAVE && c->employee_id) {
            leave_person *p = bsearch(c->employee_id, y->people, y->npeople, sizeof *y->people,
                                      person_cmp);
            if (p && c->status == CLAIM_REFUSED)
                p->refused += amount;
            else if (p) {
                p->claimed += c->amount;
                if (c->status == CLAIM_PAID)
                    p->paid += amount;
            }
        }
    }
}

int incentive_year_load(store *db, arena *a, int year, incentive_year *y)
{
    memset(y, 0, sizeof *y);
    y->year = year;
    if (incentive_schemes_load(db, a, &y->schemes, &y->nschemes) != STORE_OK ||
        incentive_employer_size(db, a, year, &y->employer_size) != STORE_OK)
        return STORE_ERROR;
    y->per_scheme = y->nschemes ? arena_alloc(a, y->nschemes * sizeof *y->per_scheme) : NULL;
    if (y->nschemes && !y->per_scheme)
        return STORE_ERROR;
    const incentive_scheme *leave = NULL;
    for (size_t i = 0; i < y->nschemes; i++) {
        const incentive_scheme *sc = &y->schemes[i];
        scheme_year *s = &y->per_scheme[i];
        memset(s, 0, sizeof *s);
        s->scheme = sc;
        s->period_year = year;
        incentive_period_bounds(sc->period, year, &s->from, &s->to);
        s->params = incentive_params_on(sc->params, sc->nparams, s->from);
        if (!s->params) /* figures that start during the period */
            s->params = incentive_params_on(sc->params, sc->nparams, s->to);
        s->cap_left = -1;
        s->deadline = policy_claim_deadline(sc->kind, s->to);
        if (sc->kind == KIND_TRAINING_LEAVE && !leave)
            leave = sc;
    }
    date_t from, to;
    incentive_period_bounds(PERIOD_SCHOOL_YEAR, year, &from, &to);
    if (leave_rows(db, a, from, to, &y->rows, &y->nrows) != STORE_OK ||
        leave_people(a, y, leave) != STORE_OK ||
        incentive_claims_list(db, a, year, &y->claims, &y->nclaims) != STORE_OK)
        return STORE_ERROR;
    for (size_t i = 0; i < y->nclaims; i++)
        count_claim(y, &y->claims[i]);
    for (size_t i = 0; i < y->nschemes; i++) {
        scheme_year *s = &y->per_scheme[i];
        if (s->scheme->kind == KIND_TRAINING_LEAVE && s->scheme == leave)
            for (size_t k = 0; k < y->npeople; k++) {
                int64_t refund = leave_refund_cents(&y->people[k].r);
                int64_t asked = y->people[k].claimed;
                s->claimable += refund > asked ? refund - asked : 0;
            }
        if (!s->scheme->per_employee && s->params && s->params->cap_amount >= 0) {
            int64_t used = s->to_file + s->filed + s->paid;
            s->cap_left = s->params->cap_amount > used ? s->params->cap_amount - used : 0;
        }
    }
    return STORE_OK;
}

const scheme_year *incentive_year_kind(const incentive_year *y, int kind)
{
    for (size_t i = 0; i < y->nschemes; i++)
        if (y->per_scheme[i].scheme->kind == kind)
            return &y->per_scheme[i];
    return NULL;
}

int64_t incentive_year_expected(const incentive_year *y)
{
    int64_t sum = 0;
    for (size_t i = 0; i < y->nschemes; i++) {
        const scheme_year *s = &y->per_scheme[i];
        sum += s->paid + s->filed + s->to_file + s->claimable;
    }
    return sum;
}

static const char *const leave_columns[] = {
    "school_year", "employee_id", "name", "fte", "courses", "eligible_hours", "cap_hours",
    "hours_counted", "rate_per_hour", "refund", "claimed", "paid", NULL};

bool incentive_leave_table(const incentive_year *y, arena *a, report_table *t)
{
    enum { NCOLS = 12 };
    t->columns = leave_columns;
    t->ncols = NCOLS;
    t->nrows = y->npeople;
    t->cells = y->npeople ? arena_alloc(a, y->npeople * NCOLS * sizeof *t->cells) : NULL;
    if (y->npeople && !t->cells)
        return false;
    char label[16];
    snprintf(label, sizeof label, "%d-%02d", y->year, (y->year + 1) % 100);
    const char *school_year = arena_strdup(a, label);
    if (!school_year)
        return false;
    for (size_t i = 0; i < y->npeople; i++) {
        const leave_person *p = &y->people[i];
        cell *c = &t->cells[i * NCOLS];
        c[0] = cell_text(school_year);
        c[1] = cell_text(p->employee_id);
        c[2] = cell_text(p->name);
        c[3] = cell_number(p->fte, 4);
        c[4] = cell_number((int64_t)p->count, 0);
        /* Millionths of an hour to hundredths, rounded once, here. */
        c[5] = cell_number(div_round(p->r.taken_u, LEAVE_UNIT), 2);
        c[6] = p->r.cap_u == INT64_MAX ? cell_empty()
                                       : cell_number(div_round(p->r.cap_u, LEAVE_UNIT), 2);
        c[7] = cell_number(div_round(p->r.counted_u, LEAVE_UNIT), 2);
        c[8] = p->r.rate_per_hour >= 0 ? cell_money(p->r.rate_per_hour) : cell_empty();
        c[9] = cell_money(leave_refund_cents(&p->r));
        c[10] = cell_money(p->claimed);
        c[11] = cell_money(p->paid);
    }
    return true;
}

/* The scheme SCHEME_ID among Y's, or NULL. */
static const incentive_scheme *scheme_of(const incentive_scheme *s, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (s[i].id == id)
            return &s[i];
    return NULL;
}

/* The claim of employee EMPLOYEE_ID's training leave in school year YEAR:
 * what is left of the refund after the claims not refused. */
static int leave_claim(store *db, arena *a, const incentive_scheme *sc, const char *employee_id,
                       int year, int64_t amount, incentive_claim *c, int *problem,
                       int64_t *limit)
{
    incentive_year y;
    if (incentive_year_load(db, a, year, &y) != STORE_OK)
        return STORE_ERROR;
    leave_person *p = employee_id ? bsearch(employee_id, y.people, y.npeople, sizeof *y.people,
                                            person_cmp) : NULL;
    if (!p) {
        *problem = CLAIM_NEW_NO_RECORD;
        return STORE_CONSTRAINT;
    }
    int64_t refund = leave_refund_cents(&p->r);
    int64_t left = refund > p->claimed ? refund - p->claimed : 0;
    *limit = left;
    if (left == 0) {
        *problem = CLAIM_NEW_NOTHING_LEFT;
        return STORE_CONSTRAINT;
    }
    if (amount > left) {
        *problem = CLAIMABLE_ABOVE_CAP;
        return STORE_CONSTRAINT;
    }
    c->scheme_id = sc->id;
    c->employee_row = p->employee_row;
    c->period_year = year;
    c->hours = div_round(p->r.counted_u, LEAVE_UNIT);
    c->amount = amount >= 0 ? amount : left;
    return STORE_OK;
}

/* The claim of learning record RECORD_ID under the cost-based scheme SC. */
static int cost_claim(store *db, arena *a, const incentive_scheme *sc, int64_t record_id,
                      int64_t amount, date_t today, incentive_claim *c, int *problem,
                      int64_t *limit)
{
    learning_record r;
    int64_t row;
    int rc = learning_get(db, a, record_id, &r, &row);
    if (rc != STORE_ROW) {
        *problem = CLAIM_NEW_NO_RECORD;
        return rc == STORE_DONE ? STORE_CONSTRAINT : STORE_ERROR;
    }
    int period_year = incentive_period_of(sc->period, r.start_date);
    int64_t used, size;
    if (incentive_claims_used(db, sc->id, period_year, sc->per_employee ? row : 0, 0, &used) !=
            STORE_OK ||
        incentive_employer_size(db, a, date_year(r.start_date), &size) != STORE_OK)
        return STORE_ERROR;
    claimable got;
    const incentive_params *p = incentive_params_on(sc->params, sc->nparams, r.start_date);
    *problem = incentive_claimable(sc, p, r.hours, r.cost, used, size, amount, &got);
    *limit = *problem == CLAIMABLE_ABOVE_SHARE ? got.share_amount : got.most;
    if (*problem == CLAIMABLE_OK && amount < 0 && got.most == 0)
        *problem = CLAIMABLE_ABOVE_CAP; /* nothing left of the cap */
    /* The scheme's term to file (the SME wallet's 14 days after the start). */
    if (*problem == CLAIMABLE_OK && !incentive_in_time(p, r.start_date, today)) {
        *problem = CLAIMABLE_LATE;
        *limit = incentive_file_by(p, r.start_date);
    }
    if (*problem != CLAIMABLE_OK)
        return STORE_CONSTRAINT;
    c->scheme_id = sc->id;
    c->employee_row = row;
    c->record_id = record_id;
    c->period_year = period_year;
    c->hours = r.hours;
    c->amount = amount >= 0 ? amount : got.most;
    return STORE_OK;
}

int incentive_claim_add_checked(store *db, arena *a, const char *actor, int64_t scheme_id,
                                int64_t record_id, const char *employee_id, int year,
                                int64_t amount, date_t today, incentive_claim *out, int *problem,
                                int64_t *limit)
{
    memset(out, 0, sizeof *out);
    *problem = CLAIMABLE_OK;
    *limit = -1;
    incentive_scheme *schemes;
    size_t n;
    int rc = incentive_schemes_load(db, a, &schemes, &n);
    const incentive_scheme *sc = rc == STORE_OK ? scheme_of(schemes, n, scheme_id) : NULL;
    if (rc == STORE_OK && !sc) {
        *problem = CLAIM_NEW_NO_SCHEME;
        rc = STORE_CONSTRAINT;
    }
    if (rc == STORE_OK)
        rc = sc->kind == KIND_TRAINING_LEAVE
                 ? leave_claim(db, a, sc, employee_id, year, amount, out, problem, limit)
                 : cost_claim(db, a, sc, record_id, amount, today, out, problem, limit);
    if (rc == STORE_OK)
        rc = incentive_claim_add(db, actor, out);
    return rc;
}

int incentive_claim_new(store *db, arena *a, const char *actor, int64_t scheme_id,
                        int64_t record_id, const char *employee_id, int year, int64_t amount,
                        date_t today, incentive_claim *out, int *problem, int64_t *limit)
{
    /* Checked and written in one transaction, so that two claims at once
     * cannot both fit in what is left of a cap. */
    int rc = store_begin(db);
    if (rc == STORE_OK)
        rc = incentive_claim_add_checked(db, a, actor, scheme_id, record_id, employee_id, year,
                                         amount, today, out, problem, limit);
    return store_end(db, rc);
}

int64_t incentive_course_most(store *db, const incentive_scheme *s, const leave_row *row,
                              int64_t size)
{
    int period_year = incentive_period_of(s->period, row->start_date);
    int64_t used;
    if (incentive_claims_used(db, s->id, period_year, s->per_employee ? row->employee_row : 0, 0,
                              &used) != STORE_OK)
        return -1;
    claimable c;
    const incentive_params *p = incentive_params_on(s->params, s->nparams, row->start_date);
    return incentive_claimable(s, p, row->hours, row->cost, used, size, -1, &c) == CLAIMABLE_OK
               ? c.most : -1;
}

date_t incentive_course_file_by(const incentive_scheme *s, date_t start)
{
    return incentive_file_by(incentive_params_on(s->params, s->nparams, start), start);
}

/* Adds PAID to the subsidy of the counted training-leave courses of the
 * employee EMPLOYEE_ID in school year YEAR, pro rata their counted hours. */
static int leave_refund_to_records(store *db, arena *a, const char *employee_id, int year,
                                   int64_t paid)
{
    incentive_year y;
    if (incentive_year_load(db, a, year, &y) != STORE_OK)
        return STORE_ERROR;
    leave_person *p = bsearch(employee_id, y.people, y.npeople, sizeof *y.people, person_cmp);
    if (!p || p->count == 0)
        return STORE_OK; /* no course left to carry it (removed since) */
    int64_t *weights = arena_alloc(a, p->count * sizeof *weights);
    int64_t *shares = arena_alloc(a, p->count * sizeof *shares);
    if (!weights || !shares)
        return STORE_ERROR;
    for (size_t k = 0; k < p->count; k++)
        weights[k] = y.lines[p->first + k].counted_u;
    split_pro_rata(paid, weights, p->count, shares);
    int rc = STORE_OK;
    for (size_t k = 0; rc == STORE_OK && k < p->count; k++)
        if (shares[k] > 0)
            rc = learning_add_subsidy(db, y.rows[p->first + k].record_id, shares[k]);
    return rc;
}

int incentive_claim_settle(store *db, arena *a, const char *actor, int64_t id, int to, date_t on,
                           int64_t paid, const char *reference)
{
    incentive_claim c;
    int rc = incentive_claim_get(db, a, id, &c);
    if (rc != STORE_ROW)
        return rc;
    rc = incentive_claim_move(db, actor, id, to, on, paid, reference);
    if (rc == STORE_OK && POLICY_LEAVE_REFUND_TO_RECORDS && to == CLAIM_PAID &&
        c.kind == KIND_TRAINING_LEAVE && c.record_id == 0 && c.employee_id && paid > 0)
        rc = leave_refund_to_records(db, a, c.employee_id, c.period_year, paid);
    return rc;
}

/* Writes KEY: the date D, or null. */
static void json_date(jsonw *w, const char *key, date_t d)
{
    char text[DATE_TEXT_SIZE];
    jw_key(w, key);
    if (d == DATE_NONE) {
        jw_null(w);
        return;
    }
    date_format(d, text);
    jw_string(w, text);
}

/* Writes KEY: cents as euro, or null when CENTS is -1. */
static void json_money(jsonw *w, const char *key, int64_t cents)
{
    jw_key(w, key);
    if (cents < 0)
        jw_null(w);
    else
        jw_fraction(w, cents, 100, 2);
}

static void json_schemes(jsonw *w, const incentive_year *y)
{
    jw_key(w, "schemes");
    jw_array(w);
    for (size_t i = 0; i < y->nschemes; i++) {
        const scheme_year *s = &y->per_scheme[i];
        jw_object(w);
        jw_key(w, "code");
        jw_string(w, s->scheme->code);
        jw_key(w, "kind");
        jw_string(w, vocab_name(&vocab_incentive_kind, s->scheme->kind));
        jw_key(w, "period");
        jw_string(w, vocab_name(&vocab_incentive_period, s->scheme->period));
        json_date(w, "from", s->from);
        json_date(w, "to", s->to);
        json_money(w, "to_file", s->to_file);
        json_money(w, "filed", s->filed);
        json_money(w, "paid", s->paid);
        json_money(w, "refused", s->refused);
        json_money(w, "claimable", s->scheme->kind == KIND_TRAINING_LEAVE ? s->claimable : -1);
        json_money(w, "cap_left", s->cap_left);
        json_date(w, "file_by", s->scheme->kind == KIND_SME_WALLET ? DATE_NONE : s->deadline);
        jw_end(w);
    }
    jw_end(w);
}

static void json_leave(jsonw *w, const incentive_year *y)
{
    jw_key(w, "training_leave");
    jw_array(w);
    for (size_t i = 0; i < y->npeople; i++) {
        const leave_person *p = &y->people[i];
        jw_object(w);
        jw_key(w, "employee_id");
        jw_string(w, p->employee_id);
        jw_key(w, "fte");
        jw_fraction(w, p->fte, 10000, 4);
        jw_key(w, "eligible_hours");
        jw_fraction(w, p->r.taken_u, 100 * LEAVE_UNIT, 2);
        jw_key(w, "cap_hours");
        if (p->r.cap_u == INT64_MAX)
            jw_null(w);
        else
            jw_fraction(w, p->r.cap_u, 100 * LEAVE_UNIT, 2);
        jw_key(w, "counted_hours");
        jw_fraction(w, p->r.counted_u, 100 * LEAVE_UNIT, 2);
        json_money(w, "rate_per_hour", p->r.rate_per_hour);
        json_money(w, "refund", leave_refund_cents(&p->r));
        json_money(w, "claimed", p->claimed);
        json_money(w, "paid", p->paid);
        jw_end(w);
    }
    jw_end(w);
}

static void json_claims(jsonw *w, const incentive_year *y)
{
    jw_key(w, "claims");
    jw_array(w);
    for (size_t i = 0; i < y->nclaims; i++) {
        const incentive_claim *c = &y->claims[i];
        jw_object(w);
        jw_key(w, "id");
        jw_int(w, c->id);
        jw_key(w, "scheme");
        jw_string(w, c->scheme_code);
        jw_key(w, "employee_id");
        jw_string(w, c->employee_id);
        jw_key(w, "record_id");
        if (c->record_id > 0)
            jw_int(w, c->record_id);
        else
            jw_null(w);
        jw_key(w, "hours");
        jw_fraction(w, c->hours, 100, 2);
        json_money(w, "amount", c->amount);
        jw_key(w, "status");
        jw_string(w, vocab_name(&vocab_claim_status, c->status));
        json_date(w, "filed_on", c->filed_on);
        json_date(w, "decided_on", c->decided_on);
        json_money(w, "paid", c->paid_amount);
        jw_end(w);
    }
    jw_end(w);
}

bool incentive_year_json(const incentive_year *y, str *out, bool pretty)
{
    jsonw w;
    jw_init(&w, out, pretty);
    jw_object(&w);
    jw_key(&w, "year");
    jw_int(&w, y->year);
    json_schemes(&w, y);
    json_leave(&w, y);
    json_claims(&w, y);
    jw_end(&w);
    return jw_finish(&w);
}
