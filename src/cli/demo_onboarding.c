/* demo_onboarding.c - the demo organisation's onboarding and workplace
 * learning: trajectory templates for three functions, a mentor for most
 * newcomers (one late, one missing, so the compliance list has something to
 * say), the trajectory of the newcomer the demo's mentor (E004) guides, half
 * signed, a monthly review, a community of practice that met, and job
 * rotation. Every date is placed relative to TODAY and checked against the
 * employment, so the demo is valid on any day. */
#include "cli/cli.h"
#include "util/i18n.h"
#include "store/onboarding.h"
#include "util/crypto.h"
#include <string.h>

/* The login of the newcomer the demo's mentor guides, to sign as them. */
#define NEWCOMER_LOGIN "newcomer"
#define NEWCOMER_PASSWORD "demo-newcomer"

const demo_login demo_newcomer = {NEWCOMER_LOGIN, NEWCOMER_PASSWORD, "employee",
                                  N_("hired three weeks ago: signs their onboarding modules")};

typedef struct demo_module {
    const char *title, *description;
    int week;
    bool safety;
    int64_t hours;
} demo_module;

typedef struct demo_template {
    const char *function, *title;
    demo_module modules[7]; /* ends with an empty one */
} demo_template;

static const demo_template templates[] = {
    {"Operator", "Onthaaltraject operator",
     {{"Veilig werken aan de lijn", "Noodstoppen, lockout-tagout, persoonlijke "
       "beschermingsmiddelen en de evacuatieroute.", 1, true, 400},
      {"Hygiëne en HACCP op de werkvloer", "Handhygiëne, kledij, allergenen en de kritische "
       "controlepunten van de lijn.", 1, true, 300},
      {"De mengketel bedienen", "Opstarten, recepturen kiezen, reinigen; onder begeleiding.", 2,
       false, 600},
      {"Kwaliteitscontrole aan de lijn", "Stalen nemen, afwijkingen melden, de registratie.", 3,
       false, 400},
      {"Storingen verhelpen", "De vijf meest voorkomende storingen zelf oplossen.", 6, false, 800},
      {"Zelfstandig een shift draaien", "Een volledige shift met de peter in de buurt.", 12,
       false, 800}}},
    {"Ploegleider", "Onthaaltraject ploegleider",
     {{"Veiligheid en preventie in de ploeg", "Risicoanalyse, werkvergunningen, "
       "ongevallenprocedure.", 1, true, 400},
      {"Planning en bezetting", "De ploegplanning en het opvangen van afwezigheden.", 2, false,
       400},
      {"Het startoverleg leiden", "Elke shift kort starten met de ploeg.", 4, false, 300},
      {"Feedback geven", "Gesprekken met medewerkers voeren en opvolgen.", 8, false, 400}}},
    {"Magazijnier", "Onthaaltraject magazijn",
     {{"Veilig rijden met de heftruck", "Verkeersregels in het magazijn en de dagelijkse "
       "controle.", 1, true, 800},
      {"Orderpicking met de scanner", "Picklijsten, locaties, voorraadcorrecties.", 2, false,
       400},
      {"Laden en lossen", "Vrachtbrieven, ladingzekering en de laadkade.", 4, false, 400}}},
};

/* The demo's newcomers and their mentors: MENTOR from the hire day plus
 * DELAY days (a late mentor), or none. */
typedef struct demo_assignment {
    const char *newcomer, *mentor;
    int delay;
    int64_t reserved; /* hundredths of an hour a week, -1: not said */
} demo_assignment;

static const demo_assignment assignments[] = {
    {"E045", "E013", 0, 200}, {"E046", "E004", 0, 200}, {"E069", "E047", 10, -1},
    {"E085", "E071", 0, 100}, {"E086", "E071", 0, 100}, {"E102", "E087", 0, -1},
    {"E103", "E087", 0, -1},  {"E118", "E104", 0, -1},
    /* E070 and E119 have no mentor: the compliance list names them. */
};

/* The employee EMPLOYEE_ID: STORE_ROW with *e, or STORE_DONE. */
static int find(store *db, arena *a, const char *employee_id, employee *e)
{
    return employees_get(db, a, employee_id, e);
}

static int add_templates(store *db)
{
    for (size_t t = 0; t < sizeof templates / sizeof *templates; t++) {
        int64_t id;
        if (templates_ensure(db, "demo", templates[t].function, templates[t].title, &id) !=
            STORE_OK)
            return STORE_ERROR;
        for (const demo_module *m = templates[t].modules; m->title; m++) {
            onboarding_module om = {0, m->title, m->description, m->week, m->safety, m->hours,
                                    DATE_NONE, DATE_NONE, 0};
            if (templates_add_module(db, "demo", id, &om) != STORE_OK)
                return STORE_ERROR;
        }
    }
    return STORE_OK;
}

static int add_assignments(store *db, arena *a, date_t today)
{
    for (size_t i = 0; i < sizeof assignments / sizeof *assignments; i++) {
        employee n, m;
        if (find(db, a, assignments[i].newcomer, &n) != STORE_ROW ||
            find(db, a, assignments[i].mentor, &m) != STORE_ROW)
            continue;
        date_t from = n.hire_date + assignments[i].delay;
        if (from > today || !date_employed_on(m.hire_date, m.exit_date, from))
            continue;
        int outcome;
        if (mentors_upsert(db, n.id, m.id, from, DATE_NONE, &outcome) != STORE_OK)
            return STORE_ERROR;
        if (assignments[i].reserved >= 0) {
            mentor_view *v;
            size_t nv;
            if (mentors_list(db, a, m.id, n.id, 0, today, &v, &nv) != STORE_OK)
                return STORE_ERROR;
            if (nv && mentors_set_reserved(db, "demo", v[0].a.id, assignments[i].reserved) ==
                          STORE_ERROR)
                return STORE_ERROR;
        }
    }
    return STORE_OK;
}

/* The trajectory of NEWCOMER guided by MENTOR: the safety modules signed by
 * both in the first days, the next one by the newcomer only (it awaits the
 * mentor), the rest open. Signatures never fall after TODAY. */
static int add_trajectory(store *db, arena *a, const char *newcomer, const char *mentor,
                          const char *mentor_login, const char *newcomer_login, date_t today)
{
    employee n, m;
    if (find(db, a, newcomer, &n) != STORE_ROW || find(db, a, mentor, &m) != STORE_ROW ||
        n.hire_date > today)
        return STORE_OK;
    int rc = trajectory_create(db, "demo", n.id, n.hire_date);
    if (rc != STORE_OK)
        return rc == STORE_CONSTRAINT ? STORE_OK : rc;
    trajectory t;
    if (trajectory_get(db, a, n.id, &t) != STORE_ROW)
        return STORE_ERROR;
    date_t day = n.hire_date;
    for (size_t i = 0; i < t.nmodules && day + 2 <= today; i++) {
        const onboarding_module *mod = &t.modules[i];
        day += 2;
        if (mod->safety) {
            if (trajectory_sign(db, mentor_login, mod->id, SIGN_MENTOR, m.id, day) != STORE_OK ||
                trajectory_sign(db, newcomer_login, mod->id, SIGN_NEWCOMER, n.id, day) !=
                    STORE_OK)
                return STORE_ERROR;
            continue;
        }
        /* The first module after safety: the newcomer signed, the mentor not yet. */
        return trajectory_sign(db, newcomer_login, mod->id, SIGN_NEWCOMER, n.id, day) ==
                       STORE_ERROR ? STORE_ERROR : STORE_OK;
    }
    return STORE_OK;
}

/* A month after the hiring of NEWCOMER, the first monthly review. */
static int add_review(store *db, arena *a, const char *newcomer, date_t today)
{
    employee n;
    if (find(db, a, newcomer, &n) != STORE_ROW)
        return STORE_OK;
    date_t on = date_add_months(n.hire_date, 1);
    if (on > today)
        return STORE_OK;
    onboarding_review r = {0, on, "De ploegplanning opmaken, het startoverleg samen gedaan.",
                           "De veiligheidsregels van de ploeg.",
                           "Zelf het startoverleg leiden; eerste feedbackgesprek voorbereiden.",
                           NULL, "manager"};
    return reviews_add(db, "manager", n.id, &r);
}

static int add_community(store *db, arena *a, date_t today)
{
    static const char *const members[] = {"E001", "E003", "E004", "E010", "E012", "E016"};
    employee lead;
    if (find(db, a, "E001", &lead) != STORE_ROW)
        return STORE_OK;
    community c = {0, "Lean in de productie", "community_of_practice", "2 uur om de 14 dagen",
                   "Elke maand één verspilling aan de lijnen wegwerken en wat werkt delen.",
                   NULL, NULL, 0, 0};
    int64_t id;
    if (communities_add(db, "demo", &c, lead.id, &id) != STORE_OK)
        return STORE_ERROR;
    int64_t rows[sizeof members / sizeof *members];
    size_t n = 0;
    for (size_t i = 0; i < sizeof members / sizeof *members; i++) {
        employee e;
        if (find(db, a, members[i], &e) != STORE_ROW)
            continue;
        if (communities_add_member(db, "demo", id, e.id) != STORE_OK)
            return STORE_ERROR;
        if (i < 4) /* four of them came to the last meeting */
            rows[n++] = e.id;
    }
    meeting_attendance who = {rows, NULL, n, 0, 0};
    if (communities_add_meeting(db, "demo", id, today - 14, 200, "Omsteltijden van lijn 2",
                                &who) != STORE_OK)
        return STORE_ERROR;
    community net = {0, "Lerend netwerk voedselveiligheid", "learning_network",
                     "een halve dag per kwartaal, bij een andere voedingsproducent",
                     "Ervaringen met audits en allergenenbeheer uitwisselen.", NULL, NULL, 0, 0};
    return communities_add(db, "demo", &net, 0, &id);
}

static int add_rotations(store *db, arena *a, date_t today)
{
    employee e;
    if (find(db, a, "E010", &e) == STORE_ROW) {
        job_rotation done = {0, e.id, NULL, NULL, "Inpaklijn en palletisering", today - 60,
                             today - 31, DATE_NONE, 1600, 0};
        int64_t id;
        if (rotations_add(db, "demo", e.id, &done, &id) != STORE_OK ||
            rotations_complete(db, "demo", id, today - 30) != STORE_OK)
            return STORE_ERROR;
    }
    if (find(db, a, "E003", &e) == STORE_ROW) {
        job_rotation planned = {0, e.id, NULL, NULL, "Kwaliteitslabo", today + 10, today + 40,
                                DATE_NONE, 2400, 0};
        int64_t id;
        if (rotations_add(db, "demo", e.id, &planned, &id) != STORE_OK)
            return STORE_ERROR;
    }
    return STORE_OK;
}

/* The newcomer's login, with its password's published hash (demo_hash). */
static int add_newcomer_login(store *db, str *err)
{
    const char *hash = demo_hash(NEWCOMER_PASSWORD);
    if (!hash) {
        str_puts(err, _("cannot hash a password"));
        return STORE_ERROR;
    }
    return demo_login_add(db, NEWCOMER_LOGIN, NEWCOMER_PASSWORD, hash, "employee", "E046");
}

int demo_onboarding(store *db, date_t today, str *err)
{
    arena a = ARENA_INIT;
    int rc = add_templates(db);
    if (rc == STORE_OK)
        rc = add_assignments(db, &a, today);
    if (rc == STORE_OK)
        rc = add_trajectory(db, &a, "E046", "E004", "mentor", NEWCOMER_LOGIN, today);
    if (rc == STORE_OK)
        rc = add_trajectory(db, &a, "E045", "E013", "demo", "demo", today);
    if (rc == STORE_OK)
        rc = add_review(db, &a, "E045", today);
    if (rc == STORE_OK)
        rc = add_community(db, &a, today);
    if (rc == STORE_OK)
        rc = add_rotations(db, &a, today);
    if (rc == STORE_OK)
        rc = add_newcomer_login(db, err);
    arena_free(&a);
    return rc;
}
