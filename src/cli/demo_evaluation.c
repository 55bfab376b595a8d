/* demo_evaluation.c - the demo organisation's certifications and
 * evaluation: which functions the mandatory trainings are for, certificates
 * that expire around today (so the pages and the reminders have something
 * to show on any day), and the four levels of evaluation of this year's
 * plan. Everything is placed relative to TODAY and draws no random numbers,
 * so the rest of the demo stays as it is. */
#include "cli/cli.h"
#include "app/certifications.h"
#include "store/evaluation.h"
#include "store/plans.h"
#include <string.h>

/* The functions each mandatory training is for (names of demo.c's
 * departments); NULL leaves the activity as it is. */
static const struct {
    const char *code, *targets;
} demo_targets[] = {
    {"HACCP", "Productiemanager|Operator|Lijnverantwoordelijke|Ploegleider|Kwaliteitscontroleur"},
    {"HEFTRUCK", "Magazijnier|Heftruckchauffeur"},
    {"EHBO-OPF", "Ploegleider|Lijnverantwoordelijke|Technieker|Elektromecanicien"},
};

/* Certificates of the manager's team placed so that they end DAYS from
 * today (negative: ended already): expiring this quarter, expired, valid. */
static const struct {
    const char *employee_id, *code;
    int days;
} demo_certificates[] = {
    {"E002", "HACCP", 12},  {"E003", "HACCP", 45},   {"E005", "HACCP", -9},
    {"E006", "HACCP", 80},  {"E007", "EHBO-OPF", 3}, {"E008", "HACCP", 200},
    {"E009", "HACCP", 30},  {"E010", "HACCP", 150},  {"E004", "EHBO-OPF", 60},
};

/* Sets the target functions of the demo's mandatory trainings. */
static int set_targets(store *db, arena *a, activity **acts, size_t *n)
{
    if (activities_list(db, a, acts, n) != STORE_OK)
        return STORE_ERROR;
    for (size_t i = 0; i < *n; i++)
        for (size_t k = 0; k < sizeof demo_targets / sizeof *demo_targets; k++) {
            if (strcmp((*acts)[i].code, demo_targets[k].code) != 0)
                continue;
            (*acts)[i].target_functions = demo_targets[k].targets;
            int64_t row;
            int outcome;
            if (activities_upsert(db, &(*acts)[i], &row, &outcome) != STORE_OK)
                return STORE_ERROR;
        }
    return STORE_OK;
}

/* Adds the completed record that makes a certificate end on UNTIL, when
 * it falls within the employee's employment (as every record must). */
static int add_certificate(store *db, arena *a, const activity *x, const char *employee_id,
                           date_t until)
{
    employee e;
    int found = employees_get(db, a, employee_id, &e);
    if (found != STORE_ROW)
        return found == STORE_DONE ? STORE_OK : STORE_ERROR;
    date_t start = date_add_months(until, -x->validity_months);
    if (!date_employed_on(e.hire_date, e.exit_date, start))
        return STORE_OK;
    int64_t row = e.id;
    learning_record r = {0};
    r.own_type = -1;
    r.type = x->type;
    r.start_date = r.end_date = date_add_months(until, -x->validity_months);
    r.hours = x->hours > 0 ? x->hours : 400;
    r.working_time = 1;
    r.cost = x->cost > 0 ? x->cost : 0;
    r.result = RESULT_COMPLETED;
    return learning_insert(db, &r, row, x->id);
}

/* ---- evaluation ---- */

static const char *const demo_questions[] = {
    "De inhoud was bruikbaar voor mijn werk.",
    "De lesgever bracht de stof helder en boeiend.",
    "Ik kan wat ik leerde meteen toepassen.",
};
/* The one about the trainer (asked where there was one). */
#define DEMO_TRAINER_QUESTION 1

/* The activities of the demo plan's initiatives, whose trainings are
 * evaluated; tests are taken in the certifying ones. */
static const char *const evaluated[] = {"EHBO-OPF", "HEFTRUCK", "DIGI", "LEIDING", "HACCP"};

/* A record as the demo's evaluation needs it. */
typedef struct demo_record {
    int64_t id;
    const char *code;
    date_t last_day;
    int type, result;
} demo_record;

typedef struct record_list {
    arena *a;
    demo_record *items;
    size_t n, cap;
} record_list;

static int collect(void *ctx, const learning_record *r)
{
    record_list *l = ctx;
    bool wanted = false;
    for (size_t k = 0; r->activity_code && k < sizeof evaluated / sizeof *evaluated; k++)
        wanted |= strcmp(r->activity_code, evaluated[k]) == 0;
    if (!wanted)
        return 0;
    demo_record *d = arena_push(l->a, (void **)&l->items, &l->n, &l->cap, sizeof *d);
    if (!d || !(d->code = arena_strdup(l->a, r->activity_code)))
        return -1;
    d->id = r->id;
    d->last_day = eval_last_day(r->start_date, r->end_date);
    d->type = r->type;
    d->result = r->result;
    return 0;
}

/* Reactions, tests and follow-ups on the trainings of last year and this. */
static int add_levels(store *db, arena *a, date_t today)
{
    int64_t qids[3];
    int rc = STORE_OK;
    for (int q = 0; rc == STORE_OK && q < 3; q++) {
        rc = eval_question_save(db, "demo", 0, demo_questions[q], q + 1, 1,
                                q == DEMO_TRAINER_QUESTION, &qids[q]);
    }
    record_list l = {a, NULL, 0, 0};
    for (int y = date_year(today) - 1; rc == STORE_OK && y <= date_year(today); y++)
        rc = learning_each(db, y, collect, &l);
    for (size_t i = 0; rc == STORE_OK && i < l.n; i++) {
        const demo_record *d = &l.items[i];
        if (d->result != RESULT_COMPLETED || d->last_day >= today)
            continue;
        /* Level 1: most participants answer, a few not yet. */
        if (d->id % 6 != 0) {
            /* the question about the trainer only where there was one */
            int trainer = eval_record_has_trainer(db, d->id);
            int64_t asked[3];
            int scores[3];
            size_t n = 0;
            for (int q = 0; q < 3; q++) {
                if (q == DEMO_TRAINER_QUESTION && trainer != 1)
                    continue;
                asked[n] = qids[q];
                scores[n++] = d->id % 7 == 0 ? 2 : 3 + (int)((d->id + q) % 3);
            }
            rc = trainer < 0 ? STORE_ERROR
                             : eval_reaction_save(db, "demo", d->id, asked, scores, n,
                                                  d->id % 4 == 0
                                                      ? "Meer oefentijd op de werkvloer graag."
                                                      : NULL,
                                                  d->last_day + 1);
        }
        /* Level 2: the certificates end with a test of 20 points, pass mark
         * 12; one in five passes only at the retake. */
        bool certifying = strcmp(d->code, "DIGI") != 0 && strcmp(d->code, "LEIDING") != 0;
        if (rc == STORE_OK && certifying) {
            learning_test t = {0, d->last_day, 1300 + 100 * (d->id % 7), 2000, 1200};
            int attempt;
            if (d->id % 5 == 0) {
                learning_test first = {0, d->last_day, 900, 2000, 1200};
                rc = learning_tests_add(db, "demo", d->id, &first, &attempt);
                t.taken_on = d->last_day + 14 < today ? d->last_day + 14 : d->last_day;
            }
            if (rc == STORE_OK)
                rc = learning_tests_add(db, "demo", d->id, &t, &attempt);
        }
        /* Level 3: the agreement before every formal training; the
         * follow-up done for the older ones, open for the recent ones. */
        if (rc == STORE_OK && d->type == TYPE_FORMAL) {
            rc = followups_agreement(db, "demo", d->id,
                                     "De procedure zelfstandig toepassen op de eigen werkpost.",
                                     "Eerste weken samen met de ploegleider, daarna alleen.");
            if (rc == STORE_OK && eval_followup_due(d->last_day, 0) + 30 < today)
                rc = followups_record(db, "manager", d->id,
                                      d->id % 9 == 0   ? APPLIED_NO
                                      : d->id % 4 == 0 ? APPLIED_PARTLY
                                                       : APPLIED_YES,
                                      "Besproken tijdens het teamoverleg.",
                                      eval_followup_due(d->last_day, 0) + 7);
        }
    }
    return rc;
}

/* Level 4: indicators and a remark on the plans of last year and this. */
static int add_indicators(store *db, arena *a, date_t today)
{
    static const struct {
        const char *code, *name, *unit;
        int64_t baseline, target, measured;
    } demo_indicators[] = {
        {"EHBO-OPF", "Ongevallen met verzorging ter plaatse", "per kwartaal", 900, 400, 600},
        {"HEFTRUCK", "Schade aan rekken door heftrucks", "meldingen per maand", 1400, 500, 1000},
        {"LEIDING", "Verloop in de ploegen", "%", 1200, 800, 1100},
    };
    int rc = STORE_OK;
    for (int y = date_year(today) - 1; rc == STORE_OK && y <= date_year(today); y++) {
        plan p;
        int found = plans_get(db, a, y, &p);
        if (found == STORE_DONE)
            continue;
        if (found != STORE_ROW)
            return STORE_ERROR;
        plan_initiative *items;
        size_t n;
        if (plans_initiatives(db, a, p.id, &items, &n) != STORE_OK)
            return STORE_ERROR;
        for (size_t i = 0; rc == STORE_OK && i < n; i++)
            for (size_t k = 0; rc == STORE_OK && items[i].activity_code &&
                               k < sizeof demo_indicators / sizeof *demo_indicators;
                 k++) {
                if (strcmp(items[i].activity_code, demo_indicators[k].code) != 0)
                    continue;
                date_t on = y < date_year(today) ? date_from_ymd(y, 12, 31) : today - 20;
                plan_indicator x = {0, items[i].id, demo_indicators[k].name,
                                    demo_indicators[k].unit, demo_indicators[k].baseline,
                                    demo_indicators[k].target,
                                    demo_indicators[k].measured - (y < date_year(today) ? 0 : 100),
                                    on};
                rc = plan_indicator_save(db, "demo", p.id, &x);
                if (rc == STORE_OK && y < date_year(today) && k == 2)
                    rc = eval_remark_add(db, "admin", p.id, items[i].id,
                                         "Een vervolgsessie inplannen: de reacties waren goed, "
                                         "maar op de werkvloer verandert nog weinig.");
            }
    }
    return rc;
}

int demo_evaluation(store *db, date_t today, str *err)
{
    arena a = ARENA_INIT;
    activity *acts;
    size_t n;
    int rc = set_targets(db, &a, &acts, &n);
    for (size_t k = 0; rc == STORE_OK && k < sizeof demo_certificates / sizeof *demo_certificates;
         k++)
        for (size_t i = 0; i < n; i++)
            if (strcmp(acts[i].code, demo_certificates[k].code) == 0 &&
                acts[i].validity_months > 0)
                rc = add_certificate(db, &a, &acts[i], demo_certificates[k].employee_id,
                                     today + demo_certificates[k].days);
    if (rc == STORE_OK)
        rc = add_levels(db, &a, today);
    if (rc == STORE_OK)
        rc = add_indicators(db, &a, today);
    /* The reminders due today, as the server sends them each morning. */
    int certs, messages;
    if (rc == STORE_OK)
        rc = reminders_send_due(db, today, &certs, &messages, err);
    arena_free(&a);
    return rc;
}
