/* demo_incentives.c - the demo organisation's incentives: training leave
 * taken this school year (a full-timer past the cap, a part-timer at 80 %,
 * a course too short, a half-timer below the minimum occupation), and claims
 * under the SME wallet and the vouchers this calendar year, one paid (so
 * that the social balance's subsidies show it), one filed, one refused, and
 * a course still to claim. Every course starts between the period's first
 * day and today, so the demo holds on any day; nothing draws from the
 * demo's random sequence. */
#include "cli/cli.h"
#include "app/incentives.h"
#include "store/facts.h"
#include <string.h>

/* A course of the demo: who takes it (an index among the chosen people),
 * where in the period it starts (in quarters of the days gone by), what it
 * is. */
typedef struct demo_course {
    int who;
    int quarter;          /* 0..4: period start + quarter/4 of the days to today */
    const char *title;
    int64_t hours, cost;  /* hundredths, cents */
    int leave;            /* taken as training leave */
} demo_course;

/* This school year's training leave, for people 0 (full time), 1 (80 %),
 * 2 (full time) and 3 (half time). */
static const demo_course leave_courses[] = {
    {0, 0, "Avondopleiding elektromechanica, module 1", 6000, 0, 1},
    {0, 2, "Avondopleiding elektromechanica, module 2", 5000, 0, 1},
    {0, 4, "Avondopleiding elektromechanica, module 3", 4000, 0, 1},
    {1, 1, "Graduaat logistiek management, deel 1", 6400, 0, 1},
    {1, 3, "Graduaat logistiek management, deel 2", 4800, 0, 1},
    {2, 1, "Workshop Excel voor gevorderden", 2400, 0, 1},
    {2, 3, "Opleiding boekhouden voor kmo's", 4000, 0, 1},
    {3, 2, "Cursus Frans op de werkvloer", 4000, 0, 1},
};

/* Courses with a cost for the SME wallet (this calendar year) and the
 * vouchers (this school year): people 0, 2 and 4. */
static const demo_course cost_courses[] = {
    {0, 1, "Opleiding interne auditor voedselveiligheid", 2100, 240000, 0},
    {2, 2, "Lean Six Sigma Yellow Belt", 2400, 350000, 0},
    {4, 3, "Opleiding preventieadviseur niveau 3", 3200, 180000, 0},
    {4, 0, "Taalcursus Engels, avondschool", 4000, 18000, 0},
};

/* The people of the demo's incentives: employed since before FROM, still
 * employed, with the occupations the courses need (full time, 80 %, full
 * time, half time, full time). Found in employee_id order; fewer when the
 * demo has not enough of them. */
static size_t choose_people(store *db, arena *a, date_t from, employee *out)
{
    static const int32_t wanted[] = {10000, 8000, 10000, 5000, 10000};
    facts f;
    size_t found = 0;
    int year = date_year(from);
    if (facts_load(db, a, year, year, &f) != STORE_OK)
        return 0;
    const employee *all = f.people;
    size_t n = f.npeople;
    bool used[64] = {false};
    for (size_t w = 0; w < sizeof wanted / sizeof *wanted; w++) {
        bool got = false;
        /* The personas (E001, E004, E010) keep their own story. */
        for (size_t i = 0; i < n && i < 64 && !got; i++) {
            const employee *e = &all[i];
            if (used[i] || e->fte != wanted[w] || e->hire_date >= from ||
                e->exit_date != DATE_NONE || strcmp(e->employee_id, "E001") == 0 ||
                strcmp(e->employee_id, "E004") == 0 || strcmp(e->employee_id, "E010") == 0)
                continue;
            used[i] = true;
            out[found++] = *e;
            got = true;
        }
        if (!got)
            break;
    }
    return found;
}

/* Writes course C of PEOPLE for the period from FROM to TODAY; its record id
 * in *id (0 when its person is missing). */
static int add_course(store *db, const demo_course *c, const employee *people, size_t npeople,
                      date_t from, date_t today, int64_t *id)
{
    *id = 0;
    if ((size_t)c->who >= npeople)
        return STORE_OK;
    learning_record r = {0};
    r.own_type = r.type = TYPE_FORMAL;
    r.title = c->title;
    r.start_date = from + (today - from) * c->quarter / 4;
    r.end_date = r.start_date;
    r.hours = c->hours;
    r.working_time = c->leave ? 0 : 1;
    r.cost = c->cost;
    r.training_leave = c->leave;
    r.result = RESULT_COMPLETED;
    int rc = learning_insert(db, &r, people[c->who].id, 0);
    if (rc == STORE_OK)
        *id = store_last_id(db);
    return rc;
}

/* Adds a claim under the scheme of KIND for RECORD (or, for training
 * leave, EMPLOYEE_ID's school year YEAR) and moves it on to status TO: filed
 * on FILED, then paid or refused on DECIDED. A claim the rules refuse (no
 * figures on that day, nothing left) is left out: the demo holds on any
 * day. */
static int add_claim(store *db, arena *a, const incentive_year *y, int kind, int64_t record,
                     const char *employee_id, int year, int to, date_t filed, date_t decided)
{
    const scheme_year *s = incentive_year_kind(y, kind);
    if (!s || (kind != KIND_TRAINING_LEAVE && record == 0))
        return STORE_OK;
    incentive_claim c;
    int problem;
    int64_t limit;
    /* made on the day it is filed, within the scheme's term to file */
    int rc = incentive_claim_add_checked(db, a, "demo", s->scheme->id, record, employee_id, year,
                                         -1, filed, &c, &problem, &limit);
    if (rc == STORE_CONSTRAINT)
        return STORE_OK;
    if (rc == STORE_OK && to >= CLAIM_FILED)
        rc = incentive_claim_settle(db, a, "demo", c.id, CLAIM_FILED, filed, -1, "DEMO");
    if (rc == STORE_OK && to > CLAIM_FILED)
        rc = incentive_claim_settle(db, a, "demo", c.id, to, decided,
                                    to == CLAIM_PAID ? c.amount : -1, NULL);
    return rc;
}

int demo_incentives(store *db, date_t today, str *err)
{
    arena a = ARENA_INIT;
    int sy = school_year_of(today), ty = date_year(today);
    date_t sy_from = date_from_ymd(sy, 9, 1), cy_from = date_from_ymd(ty, 1, 1);
    date_t earliest = sy_from < cy_from ? sy_from : cy_from;
    employee people[5];
    size_t npeople = choose_people(db, &a, earliest - 365, people);
    int rc = STORE_OK;
    int64_t id, cost_ids[4] = {0};
    for (size_t i = 0; rc == STORE_OK && i < sizeof leave_courses / sizeof *leave_courses; i++)
        rc = add_course(db, &leave_courses[i], people, npeople, sy_from, today, &id);
    /* The voucher's course in the school year (its period), the rest in the
     * calendar year (the SME wallet's). */
    for (size_t i = 0; rc == STORE_OK && i < 4; i++)
        rc = add_course(db, &cost_courses[i], people, npeople, i == 3 ? sy_from : cy_from, today,
                        &cost_ids[i]);
    /* Last school year's leave of person 0, claimed and paid; this year's
     * claims follow the courses, filed and decided a few days after. */
    date_t last_sy = date_from_ymd(sy - 1, 9, 1);
    demo_course last = {0, 2, "Avondopleiding elektromechanica, basis", 4000, 0, 1};
    if (rc == STORE_OK)
        rc = add_course(db, &last, people, npeople, last_sy, sy_from - 1, &id);
    incentive_year y;
    if (rc == STORE_OK && npeople > 0 && (rc = incentive_year_load(db, &a, sy - 1, &y)) == STORE_OK)
        rc = add_claim(db, &a, &y, KIND_TRAINING_LEAVE, 0, people[0].employee_id, sy - 1,
                       CLAIM_PAID, sy_from - 30, sy_from - 1);
    if (rc == STORE_OK && (rc = incentive_year_load(db, &a, ty, &y)) == STORE_OK) {
        date_t paid_on = cy_from + (today - cy_from) * 2 / 4;
        rc = add_claim(db, &a, &y, KIND_SME_WALLET, cost_ids[0], NULL, ty, CLAIM_PAID,
                       cy_from + (today - cy_from) / 4, paid_on);
        if (rc == STORE_OK)
            rc = add_claim(db, &a, &y, KIND_SME_WALLET, cost_ids[1], NULL, ty, CLAIM_FILED,
                           cy_from + (today - cy_from) * 2 / 4, today);
        if (rc == STORE_OK)
            rc = add_claim(db, &a, &y, KIND_VOUCHER, cost_ids[3], NULL, ty, CLAIM_REFUSED,
                           sy_from, sy_from + (today - sy_from) / 4);
    }
    if (rc != STORE_OK && err->len == 0)
        str_puts(err, store_error(db));
    arena_free(&a);
    return rc;
}
