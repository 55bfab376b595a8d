/* demo.c - the demo organisation: a Flemish food producer of about 120
 * people, with a catalogue of formal and informal learning, two years of
 * learning records and a login for every role.
 *
 * Everything comes from a fixed pseudo-random sequence, so every demo is the
 * same; dates that must feel current (newcomers, this year's learning) are
 * placed relative to today. */
#include "cli/cli.h"
#include "util/i18n.h"
#include "store/plans.h"
#include "store/site.h"
#include "util/crypto.h"
#include <stdio.h>
#include <string.h>

const demo_login demo_logins[] = {
    {"admin", "demo-admin", "admin", N_("HR and training coordinator: everything")},
    {"manager", "demo-manager", "manager", N_("production manager: the production team")},
    {"employee", "demo-employee", "employee", N_("an operator: their own learning")},
    {"mentor", "demo-mentor", "mentor", N_("an experienced operator who guides newcomers")},
    {"representative", "demo-representative", "representative",
     N_("works council member: plan and anonymous figures")},
    {NULL, NULL, NULL, NULL},
};

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

/* xorshift64*: a fixed sequence, good enough for made-up people. */
static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1Dull) >> 33) % n;
}

static const char *const first_f[] = {
    "An", "Els", "Sofie", "Lotte", "Marie", "Nathalie", "Katrien", "Fatima", "Hanne", "Ine",
    "Griet", "Lien", "Sarah", "Julie", "Anouk", "Nora", "Emma", "Yasmina", "Veerle", "Leen"};
static const char *const first_m[] = {
    "Jan", "Pieter", "Koen", "Tom", "Wim", "Bart", "Stijn", "Mohamed", "Dries", "Jonas",
    "Geert", "Luc", "Kevin", "Arne", "Ruben", "Youssef", "Thomas", "Filip", "Joris", "Senne"};
static const char *const last_names[] = {
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
    "Wouters", "De Smet", "Dubois", "Vermeulen", "Van den Broeck", "De Clercq", "Lambrechts",
    "Dewitte", "Aerts", "Hermans", "Desmet", "Verhoeven", "El Amrani", "Nowak", "Yilmaz",
    "Van Damme", "Martens", "D'Hondt", "Vandenberghe", "Coppens", "Smets", "De Backer"};

typedef struct dept_plan {
    const char *name;
    int size;
    const char *head_function;
    const char *functions[4];
    int category; /* of the staff, not the head */
    int education_low_share; /* in percent */
} dept_plan;

static const dept_plan depts[] = {
    {"Productie", 46, "Productiemanager", {"Operator", "Lijnverantwoordelijke", "Ploegleider",
     "Kwaliteitscontroleur"}, CATEGORY_BLUE_COLLAR, 55},
    {"Logistiek", 24, "Logistiek manager", {"Magazijnier", "Heftruckchauffeur", "Planner",
     "Magazijnier"}, CATEGORY_BLUE_COLLAR, 50},
    {"Onderhoud", 16, "Hoofd technische dienst", {"Technieker", "Elektromecanicien",
     "Technieker", "Elektromecanicien"}, CATEGORY_BLUE_COLLAR, 20},
    {"Administratie", 17, "Administratief directeur", {"Boekhouder", "HR-medewerker",
     "Administratief medewerker", "Onthaalmedewerker"}, CATEGORY_WHITE_COLLAR, 10},
    {"Verkoop", 16, "Verkoopdirecteur", {"Accountmanager", "Binnendienst verkoop",
     "Accountmanager", "Marketingmedewerker"}, CATEGORY_WHITE_COLLAR, 5},
};

typedef struct demo_activity {
    const char *code, *title;
    int type, form, internal;
    int64_t hours, cost; /* hundredths, cents */
    int validity, mandatory;
    const char *provider;
} demo_activity;

static const demo_activity catalogue[] = {
    {"EHBO-OPF", "EHBO-opfrissing (eerste hulp)", TYPE_FORMAL, 0, 0, 400, 9500, 12, 1,
     "Rode Kruis Vlaanderen"},
    {"HACCP", "HACCP en voedselveiligheid", TYPE_FORMAL, 0, 1, 700, 0, 36, 1, NULL},
    {"HEFTRUCK", "Heftruckattest", TYPE_FORMAL, 0, 0, 1400, 42000, 60, 1, "Educam"},
    {"VCA", "VCA basisveiligheid", TYPE_FORMAL, 0, 0, 800, 21000, 120, 0, "Securitas Academy"},
    {"LEIDING", "Leidinggeven aan een ploeg", TYPE_FORMAL, 0, 0, 2100, 95000, 0, 0, "Vlerick"},
    {"KLANT", "Klantgericht communiceren", TYPE_FORMAL, 0, 0, 700, 38000, 0, 0, "Syntra"},
    {"EXCEL", "Excel voor gevorderden", TYPE_FORMAL, 0, 0, 1400, 45000, 0, 0, "Cevora"},
    {"DIGI", "Digitale basisvaardigheden (zelfstudie)", TYPE_INFORMAL, 1, 1, 600, 0, 0, 0, NULL},
    {"PETER", "Peterschap voor nieuwe collega's", TYPE_INFORMAL, 5, 1, 1600, 0, 0, 0, NULL},
    {"ROTATIE", "Jobrotatie over de productielijnen", TYPE_INFORMAL, 6, 1, 2400, 0, 0, 0, NULL},
    {"COP-LEAN", "Lerend netwerk lean productie", TYPE_INFORMAL, 7, 1, 1200, 0, 0, 0, NULL},
    {"INSTRUCTIE", "Werkplekinstructie nieuwe verpakkingslijn", TYPE_INFORMAL, 3, 1, 800, 0, 0,
     0, NULL},
    {"INTERVISIE", "Intervisie ploegleiders", TYPE_INFORMAL, 9, 1, 600, 0, 0, 0, NULL},
    {"BEURS", "Vakbeurs voedingsindustrie", TYPE_INFORMAL, 10, 0, 700, 6000, 0, 0, NULL},
    {"DUAAL", "Duaal leren elektromechanica", TYPE_INITIAL, 2, 0, 30000, 0, 0, 0,
     "Centrum voor Duaal Leren"},
};
#define NCATALOGUE (sizeof catalogue / sizeof *catalogue)

/* A made-up person in department D; HEAD for its manager. */
static employee make_person(arena *a, int number, const dept_plan *d, bool head, date_t today)
{
    employee e = {0};
    char buf[64];
    snprintf(buf, sizeof buf, "E%03d", number);
    e.employee_id = arena_strdup(a, buf);
    uint32_t g = rnd(100);
    e.gender = g < 44 ? GENDER_F : g < 98 ? GENDER_M : GENDER_X;
    e.first_name = e.gender == GENDER_F ? first_f[rnd(20)]
                 : e.gender == GENDER_M ? first_m[rnd(20)] : "Sam";
    e.last_name = last_names[rnd(30)];
    snprintf(buf, sizeof buf, "%s.%s@deschelde.example", e.first_name, e.employee_id);
    for (char *p = buf; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    e.email = arena_strdup(a, buf);
    int age = head ? 40 + (int)rnd(20) : 19 + (int)rnd(45);
    int ty = date_year(today);
    e.birth_date = date_from_ymd(ty - age, 1 + (int)rnd(12), 1 + (int)rnd(28));
    int seniority = (int)rnd((uint32_t)(age - 18 > 25 ? 25 : age - 18)) + 1;
    e.hire_date = date_from_ymd(ty - seniority, 1 + (int)rnd(12), 1);
    e.exit_date = DATE_NONE;
    e.department = d->name;
    e.function = head ? d->head_function : d->functions[rnd(4)];
    e.category = head ? CATEGORY_WHITE_COLLAR : d->category;
    uint32_t c = rnd(100);
    e.contract = c < 84 ? CONTRACT_PERMANENT : c < 94 ? CONTRACT_FIXED_TERM
               : c < 97 ? CONTRACT_STUDENT : CONTRACT_TRAINEE;
    uint32_t f = rnd(100);
    e.fte = head || f < 70 ? 10000 : f < 88 ? 8000 : f < 96 ? 5000 : 7500;
    uint32_t ed = rnd(100);
    e.education = head ? EDUCATION_HIGH
                : ed < (uint32_t)d->education_low_share ? EDUCATION_LOW
                : ed < 80 ? EDUCATION_MEDIUM : EDUCATION_HIGH;
    uint32_t ab = rnd(100);
    e.born_abroad = ab < 14 ? ANSWER_YES : ab < 90 ? ANSWER_NO : ANSWER_UNKNOWN;
    uint32_t dis = rnd(100);
    e.disability = dis < 4 ? ANSWER_YES : dis < 70 ? ANSWER_NO : ANSWER_NONE;
    e.shift = d->category == CATEGORY_BLUE_COLLAR && !head ? (int)rnd(3) : SHIFT_DAY;
    return e;
}

/* Gives one person some learning in YEAR: fewer chances for the low-skilled
 * and the over-55s, so that the reports have gaps to show. */
static int add_learning(store *db, const employee *e, int64_t row, const int64_t *act_rows,
                        int year, date_t today)
{
    int age = date_age_on(e->birth_date, date_from_ymd(year, 12, 31));
    int chance = 75 - (e->education == EDUCATION_LOW ? 25 : 0) - (age >= 55 ? 25 : 0);
    int count = (int)rnd(100) < chance ? 1 + (int)rnd(4) : 0;
    for (int k = 0; k < count; k++) {
        size_t which = rnd((uint32_t)NCATALOGUE);
        const demo_activity *da = &catalogue[which];
        if (da->type == TYPE_INITIAL && (e->contract != CONTRACT_TRAINEE || k > 0))
            continue;
        date_t start = date_from_ymd(year, 1 + (int)rnd(12), 1 + (int)rnd(28));
        date_t last = e->exit_date != DATE_NONE ? e->exit_date : today;
        if (start < e->hire_date || start > last)
            continue;
        learning_record r = {0};
        r.own_type = -1;
        r.type = da->type;
        r.start_date = start;
        r.end_date = da->hours > 1600 ? date_add_months(start, 2) : start;
        r.hours = da->hours;
        r.working_time = rnd(10) < 9;
        r.cost = da->cost;
        r.subsidy = da->cost > 40000 && rnd(2) ? da->cost / 4 : 0;
        r.training_leave = da->type == TYPE_FORMAL && rnd(40) == 0;
        r.result = rnd(20) == 0 ? RESULT_FAILED : RESULT_COMPLETED;
        if (learning_insert(db, &r, row, act_rows[which]) != STORE_OK)
            return STORE_ERROR;
    }
    return STORE_OK;
}

/* ---- the personas' own learning ----
 *
 * The people behind the demo logins (the manager E001, the employee E010 and
 * the mentor E004) get a fixed history on top of the random one, so that
 * whoever logs in finds a record worth looking at: formal and informal
 * learning last year and this year, informal learning they logged
 * themselves and had confirmed, and a claim still waiting. Last year's
 * learning is on fixed days of last year, the recent learning and the claims
 * a number of days before today, so everything fits every day of the year,
 * and nothing draws from the random sequence, so the rest of the demo stays
 * as it is. */

typedef struct persona_record {
    const char *code;  /* a catalogue code, or NULL for a one-off activity */
    const char *title; /* the one-off activity's title */
    int type;          /* the one-off activity's type */
    int when;          /* its start: > 0 days before today, < 0 day -WHEN of last year */
    int64_t hours;     /* hundredths; 0: the catalogue's */
} persona_record;

typedef struct persona_claim {
    const char *title, *form;
    int days_ago;
    int64_t hours;
    bool confirm; /* confirmed by DECIDER; false: still pending */
} persona_claim;

typedef struct persona {
    const char *employee_id, *login, *decider;
    persona_record records[8];
    persona_claim claims[4];
} persona;

static const persona personas[] = {
    {"E010", "employee", "manager",
     {{"HACCP", NULL, 0, -60, 0},
      {"INSTRUCTIE", NULL, 0, -150, 0},
      {"VCA", NULL, 0, -285, 0},
      {"ROTATIE", NULL, 0, 150, 0},
      {NULL, "Toolbox veilig werken aan de mengketel", TYPE_INFORMAL, 70, 150},
      {"DIGI", NULL, 0, 40, 0}},
     {{"Een collega toonde hoe de nieuwe etiketteermachine werkt", "on_the_job", 120, 200, true},
      {"Webinar allergenen in de productie", "e_learning", 55, 150, true},
      {"Meegelopen met de kwaliteitscontroleur", "on_the_job", 6, 300, false}}},
    {"E004", "mentor", "manager",
     {{"EHBO-OPF", NULL, 0, -45, 0},
      {"PETER", NULL, 0, -120, 0},
      {"COP-LEAN", NULL, 0, -250, 0},
      {"HACCP", NULL, 0, 180, 0},
      {"PETER", NULL, 0, 75, 0},
      {NULL, "Opleiding voor peters en meters: feedback geven", TYPE_FORMAL, 30, 700}},
     {{"Leesgroep over werkplekleren", "community_of_practice", 140, 300, true},
      {"Nieuwe collega begeleid bij de eerste nachtploeg", "mentoring", 12, 400, false}}},
    {"E001", "manager", "admin",
     {{"LEIDING", NULL, 0, -100, 0},
      {"INTERVISIE", NULL, 0, -300, 0},
      {"EXCEL", NULL, 0, 200, 0},
      {"BEURS", NULL, 0, 110, 0},
      {"COP-LEAN", NULL, 0, 45, 0}},
     {{"Boek over lean leidinggeven gelezen", "self_study", 90, 500, true},
      {"Webinar nieuwe regels opleidingsrecht", "e_learning", 9, 150, false}}},
};

/* The personas are who the demo logins say they are: the manager, the
 * operator and the experienced operator who guides newcomers, on permanent
 * contracts; and the two newcomers of production are the team leader and
 * the operator whose trajectories demo_onboarding.c writes (its review
 * speaks of a team leader's first month). Set after the random draw, so the
 * sequence is unchanged: that sequence depends on today (a record drawn
 * after today is skipped before its last draws), so without this the
 * newcomers' functions changed from one day to the next. */
static void settle_persona(employee *e, int number)
{
    if (number == 1 || number == 4 || number == 10)
        e->contract = CONTRACT_PERMANENT;
    if (number == 4 || number == 10 || number == 46)
        e->function = "Operator";
    if (number == 45)
        e->function = "Ploegleider";
}

/* The index of CODE in the catalogue (the codes are the demo's own). */
static size_t catalogue_index(const char *code)
{
    size_t i = 0;
    while (i + 1 < NCATALOGUE && strcmp(catalogue[i].code, code) != 0)
        i++;
    return i;
}

/* Writes one persona record for the employee at ROW hired on HIRE; records
 * that would start before the hire date are left out. */
static int add_persona_record(store *db, const persona_record *p, int64_t row, date_t hire,
                              const int64_t *act_rows, date_t today)
{
    learning_record r = {0};
    r.start_date = p->when > 0 ? today - p->when
                               : date_from_ymd(date_year(today) - 1, 1, 1) - p->when - 1;
    if (r.start_date < hire)
        return STORE_OK;
    const demo_activity *da = p->code ? &catalogue[catalogue_index(p->code)] : NULL;
    r.own_type = da ? -1 : p->type;
    r.type = da ? da->type : p->type;
    r.title = da ? NULL : p->title;
    r.hours = p->hours ? p->hours : da->hours;
    /* The longer activities run for a while; one still running is ongoing. */
    r.end_date = r.hours > 1600 ? date_add_months(r.start_date, 1) : r.start_date;
    r.result = r.end_date > today ? RESULT_ONGOING : RESULT_COMPLETED;
    r.working_time = 1;
    r.cost = da ? da->cost : 0;
    return learning_insert(db, &r, row, da ? act_rows[catalogue_index(p->code)] : 0);
}

/* Logs (and, when it says so, confirms) one persona claim. */
static int add_persona_claim(store *db, arena *a, const persona *who, const persona_claim *c,
                             int64_t row, date_t hire, date_t today)
{
    learning_claim claim = {0};
    claim.title = c->title;
    claim.form = vocab_find(&vocab_form, c->form, strlen(c->form));
    claim.start_date = today - c->days_ago;
    claim.hours = c->hours;
    claim.working_time = 1;
    if (claim.start_date < hire)
        return STORE_OK;
    if (claims_add(db, who->login, row, &claim) != STORE_OK)
        return STORE_ERROR;
    if (!c->confirm)
        return STORE_OK;
    /* The claim's id: claims_add ends with its audit entry, so it is found
     * among the persona's pending claims by its title. */
    learning_claim *pending;
    size_t n;
    if (claims_list(db, a, row, 0, true, &pending, &n) != STORE_OK)
        return STORE_ERROR;
    for (size_t i = 0; i < n; i++)
        if (strcmp(pending[i].title, c->title) == 0) {
            int64_t employee_row;
            return claims_decide(db, who->decider, pending[i].id, true, &employee_row);
        }
    return STORE_ERROR;
}

/* Gives every persona its history. */
static int add_personas(store *db, arena *a, const int64_t *act_rows, date_t today)
{
    for (size_t i = 0; i < sizeof personas / sizeof *personas; i++) {
        const persona *p = &personas[i];
        employee e;
        if (employees_get(db, a, p->employee_id, &e) != STORE_ROW)
            return STORE_ERROR;
        for (size_t k = 0; k < 8 && (p->records[k].code || p->records[k].title); k++)
            if (add_persona_record(db, &p->records[k], e.id, e.hire_date, act_rows, today) !=
                STORE_OK)
                return STORE_ERROR;
        for (size_t k = 0; k < 4 && p->claims[k].title; k++)
            if (add_persona_claim(db, a, p, &p->claims[k], e.id, e.hire_date, today) != STORE_OK)
                return STORE_ERROR;
    }
    return STORE_OK;
}

typedef struct demo_initiative {
    const char *title, *code;
    int form, type;
    const char *target, *department;
    unsigned attention;
    int64_t participants, hours, cost;
    int internal, mandatory;
} demo_initiative;

static const demo_initiative demo_initiatives[] = {
    {"EHBO-opfrissing voor de ploegen", "EHBO-OPF", -1, TYPE_FORMAL, "eerstehulpverleners",
     "Productie", 0, 8, 400, 76000, 0, 1},
    {"Heftruckattest nieuwe chauffeurs", "HEFTRUCK", -1, TYPE_FORMAL, "nieuwe chauffeurs",
     "Logistiek", 1u << ATTENTION_BOTTLENECK, 4, 1400, 168000, 0, 1},
    {"Digitale basisvaardigheden", "DIGI", -1, TYPE_INFORMAL, "medewerkers van 50 jaar en ouder",
     NULL, 1u << ATTENTION_OLDER_50, 15, 600, 0, 1, 0},
    {"Werkplekinstructie aangepaste werkpost", NULL, 3, TYPE_INFORMAL,
     "medewerkers met een arbeidshandicap", "Productie", 1u << ATTENTION_DISABILITY, 3, 800, 0,
     1, 0},
    {"Nederlands op de werkvloer", NULL, 0, TYPE_FORMAL, "anderstalige operatoren", "Productie",
     1u << ATTENTION_NON_EU, 6, 2400, 180000, 0, 0},
    {"Leiderschap voor ploegleiders en ploegleidsters", "LEIDING", -1, TYPE_FORMAL,
     "ploegleiders, evenveel vrouwen als mannen", NULL, 1u << ATTENTION_GENDER_BALANCE, 6, 2100,
     570000, 0, 0},
};

/* The plans of last year (evaluated), this year (adopted) and next year (a
 * draft copied from this one), and answers to the policy scan. */
static int add_plans(store *db, int ty)
{
    for (int y = ty - 1; y <= ty; y++) {
        if (plans_create(db, "demo", y) != STORE_OK)
            return STORE_ERROR;
        plan p;
        arena a = ARENA_INIT;
        int rc = plans_get(db, &a, y, &p);
        if (rc == STORE_ROW) {
            p.goal = "Iedereen veilig en vakbekwaam aan het werk, en meer kansen om te leren "
                     "voor wie daar tot nu toe minder kreeg.";
            p.context = "Een nieuwe verpakkingslijn, strengere voedselveiligheidsaudits en "
                        "moeilijk in te vullen vacatures voor heftruckchauffeurs.";
            p.needs_method = "HR en de afdelingshoofden bundelden de noden uit de "
                             "ontwikkelingsgesprekken; de ondernemingsraad gaf input in een "
                             "werkgroep in januari.";
            p.new_needs = "Digitale vaardigheden voor oudere medewerkers en taalondersteuning "
                          "voor anderstalige operatoren.";
            p.choices = "Verplichte veiligheidsopleidingen gaan voor; leiderschap wordt over "
                        "twee jaar gespreid. Opleiding gebeurt zoveel mogelijk tijdens de "
                        "werkuren.";
            p.mandatory = "EHBO-opfrissing, HACCP, heftruckattest.";
            rc = plans_save_texts(db, "demo", &p);
        }
        int64_t id = p.id;
        for (size_t i = 0; rc == STORE_OK && i < sizeof demo_initiatives / sizeof *demo_initiatives;
             i++) {
            const demo_initiative *d = &demo_initiatives[i];
            plan_initiative x = {0, d->title, d->code, d->form, d->type, d->target, d->attention,
                                 d->department, d->participants, d->hours, 1, d->internal,
                                 d->cost, d->mandatory, -1, -1, -1};
            if (y < ty) {
                x.realised_participants = d->participants - (int64_t)(i % 2);
                x.realised_hours = x.realised_participants * d->hours;
                x.realised_cost = d->cost - d->cost / 10;
            }
            rc = plans_initiative_save(db, "demo", id, &x);
        }
        static const int64_t budgets[] = {1200000, 650000, 450000, 300000, 400000};
        for (size_t i = 0; rc == STORE_OK && i < 5; i++)
            rc = plans_budget_save(db, "demo", id, depts[i].name, budgets[i], budgets[i] / 2);
        if (rc == STORE_OK) {
            p.state = y < ty ? PLAN_EVALUATED : PLAN_ADOPTED;
            p.body = BODY_WORKS_COUNCIL;
            p.submitted_on = date_from_ymd(y, 2, 9);
            p.meeting_on = date_from_ymd(y, 2, 26);
            p.advice_on = date_from_ymd(y, 3, 10);
            p.advice_kind = ADVICE_REMARKS;
            p.advice_text = "Positief, met de vraag om ook de nachtploeg opleiding tijdens de "
                            "werkuren te geven.";
            p.employer_answer = "De EHBO-opfrissing krijgt een sessie voor de nachtploeg.";
            p.adopted_on = date_from_ymd(y, 3, 24);
            if (y < ty) {
                p.evaluated_on = date_from_ymd(y + 1, 1, 28);
                p.evaluation_meeting_on = date_from_ymd(y + 1, 1, 28);
                p.evaluation_notes = "De meeste initiatieven liepen zoals gepland; de "
                                     "taalondersteuning start pas na de zomer.";
            }
            rc = plans_save_consultation(db, "demo", &p, PLAN_DRAFT);
        }
        if (rc == STORE_OK)
            rc = plans_comment_add(db, "representative", "representative", id,
                                   "Kunnen we volgend jaar de cijfers per ploeg zien?");
        arena_free(&a);
        if (rc != STORE_OK)
            return rc;
    }
    if (plans_copy(db, "demo", ty, ty + 1) != STORE_OK)
        return STORE_ERROR;
    /* The policy scan, answered by both sides last year and this year. */
    static const char *const statements[] = {"signal.1", "signal.2", "signal.3", "signal.4",
        "offer.1", "offer.2", "offer.3", "communication.1", "communication.2", "communication.3",
        "plan.1", "plan.2", "plan.3", "competences.1", "competences.2", "strategy.1",
        "strategy.2", "strategy.3", "strategy.4", "signal.5", "strategy.5", "strategy.6"};
    scan_answer answers[22];
    for (int y = ty - 1; y <= ty; y++)
        for (int side = 0; side < 2; side++) {
            for (size_t i = 0; i < 22; i++)
                answers[i] = (scan_answer){statements[i],
                                           (int)((i * 7 + (size_t)side * 3 + (size_t)(y - ty + 1) * 5) % 10 < 6)};
            if (scan_answers_save(db, "demo", "policy", y, side ? "representatives" : "employer",
                                  0, answers, 22) != STORE_OK)
                return STORE_ERROR;
        }
    return STORE_OK;
}

/* The demo's passwords are published (the README and `demo` print them), so
 * their argon2id hashes tell nothing either. Each was made once by
 * password_hash, with its parameters, and is kept here: building a demo
 * costs no argon2id work, which is slow on purpose (a fifth of a second of
 * a core for each, six for each demo, and the tests build hundreds). A
 * password of somebody's own never matches these. */
static const struct published_hash {
    const char *password, *hash;
} published[] = {
    {"demo-admin",
     "$argon2id$v=19$m=65536,t=2,p=1$k8jkYmrg/kS/2cW7ANgZvA$Sdi2+MONF13mxfRbAixsZ3cQAOmOs49vsx6XnUVhYiw"},
    {"demo-manager",
     "$argon2id$v=19$m=65536,t=2,p=1$T1E2qPwNmIDFHZnpt6I2dg$DDE9vSP/evgvqFcMjdGOuJuEy9hpI8pjge64Jxe7MSg"},
    {"demo-employee",
     "$argon2id$v=19$m=65536,t=2,p=1$ZUYUyayrvGhA1HSTdAFPwA$3gSv8bPVg/ZUNABMgBnYmP+t9VCjUCisG0bjob/QKMs"},
    {"demo-mentor",
     "$argon2id$v=19$m=65536,t=2,p=1$MoveyJAr8ik28KxRkEN1dg$jhpHLzQX+bUQIBUkp9AxKXf8dDuwTkPTWin8UgQ1av4"},
    {"demo-representative",
     "$argon2id$v=19$m=65536,t=2,p=1$Qc7iZbp0vVtZDJviqnyU/w$KFdOwcUp+eOKvTRYlzT0/0zLKlHkkxlzhQAStaHkLRc"},
    {"demo-newcomer",
     "$argon2id$v=19$m=65536,t=2,p=1$2lUdqxiz4eEdOUQW0afMJA$fpn+qPF3CtbVBJciZ/PQSIOXfVInzGiHqJ4wXAwU/+o"},
};
#define NPUBLISHED (sizeof published / sizeof *published)

/* What argon2id answered in this process of a stored hash that is not a
 * published one (demo_login_add, then demo_login_works when the logins are
 * printed): asked once each. */
typedef struct known_hash {
    char hash[256];
    const char *password; /* a demo password */
    bool opens;
} known_hash;
static known_hash asked[16];
static size_t nasked;

const char *demo_hash(const char *password)
{
    for (size_t i = 0; i < NPUBLISHED; i++)
        if (strcmp(published[i].password, password) == 0)
            return published[i].hash;
    return NULL; /* not a demo password */
}

/* Whether PASSWORD opens STORED, asked of argon2id once per process. */
static bool password_opens(const char *stored, const char *password)
{
    for (size_t i = 0; i < NPUBLISHED; i++)
        if (strcmp(published[i].hash, stored) == 0)
            return strcmp(published[i].password, password) == 0;
    for (size_t i = 0; i < nasked; i++)
        if (strcmp(asked[i].hash, stored) == 0 && strcmp(asked[i].password, password) == 0)
            return asked[i].opens;
    bool opens = password_verify(stored, password);
    if (nasked < sizeof asked / sizeof *asked && strlen(stored) < sizeof asked[0].hash) {
        known_hash *k = &asked[nasked++];
        memcpy(k->hash, stored, strlen(stored) + 1);
        k->password = password;
        k->opens = opens;
    }
    return opens;
}

int demo_login_add(store *db, const char *login, const char *password, const char *hash,
                   const char *role, const char *employee_number)
{
    arena a = ARENA_INIT;
    const char *stored;
    int rc = site_account_hash(db, &a, login, &stored);
    bool demo_account = rc == STORE_ROW && password_opens(stored, password);
    user here;
    int member = demo_account ? users_find(db, &a, login, &here, NULL) : STORE_DONE;
    arena_free(&a);
    if (rc == STORE_DONE)
        return users_add(db, "demo", login, hash, role_from_name(role), employee_number);
    if (rc != STORE_ROW || member == STORE_ERROR)
        return STORE_ERROR;
    if (!demo_account || member == STORE_ROW)
        return STORE_OK; /* somebody's own login, or one this organisation has already */
    return site_grant(db, "demo", login, role, employee_number);
}

int demo_login_works(store *db, const char *login, const char *password)
{
    arena a = ARENA_INIT;
    const char *stored;
    int rc = site_account_hash(db, &a, login, &stored);
    int works = rc == STORE_DONE  ? 1 /* no site: the demo made every login */
                : rc == STORE_ROW ? password_opens(stored, password)
                                  : -1;
    arena_free(&a);
    return works;
}

static int add_users(store *db, str *err)
{
    static const char *const linked[] = {NULL, "E001", "E010", "E004", NULL};
    size_t i = 0;
    for (const demo_login *l = demo_logins; l->login; l++, i++) {
        const char *hash = demo_hash(l->password);
        if (!hash) {
            str_puts(err, _("cannot hash a password"));
            return STORE_ERROR;
        }
        if (demo_login_add(db, l->login, l->password, hash, l->role, linked[i]) != STORE_OK)
            return STORE_ERROR;
    }
    return STORE_OK;
}

static int fill(store *db, arena *a, date_t today, str *err)
{
    int ty = date_year(today);
    int64_t act_rows[NCATALOGUE];
    for (size_t i = 0; i < NCATALOGUE; i++) {
        const demo_activity *d = &catalogue[i];
        activity x = {0, d->code, d->title, d->type, d->form, d->provider, d->internal,
                      d->hours, d->cost, d->validity, d->mandatory, NULL};
        int created;
        if (activities_upsert(db, &x, &act_rows[i], &created) != STORE_OK)
            return STORE_ERROR;
    }
    int number = 1;
    for (size_t d = 0; d < sizeof depts / sizeof *depts; d++) {
        const char *head = NULL;
        for (int k = 0; k < depts[d].size; k++, number++) {
            employee e = make_person(a, number, &depts[d], k == 0, today);
            if (number <= 10 && k > 0) /* the demo's manager, employee, mentor are settled */
                e.hire_date = date_from_ymd(ty - 8, 3, 1);
            settle_persona(&e, number);
            if (k >= depts[d].size - 2) /* newcomers, hired in the last months */
                e.hire_date = today - 20 - 45 * (depts[d].size - 1 - k);
            if (k == 7 || k == 13) { /* left last year, after at least a year of work */
                e.exit_date = date_from_ymd(ty - 1, 3 + k % 5, 28);
                if (e.hire_date > date_add_months(e.exit_date, -12))
                    e.hire_date = date_add_months(e.exit_date, -12 - 12 * (k % 3));
            }
            int64_t row;
            int created;
            if (employees_upsert(db, &e, &row, &created) != STORE_OK)
                return STORE_ERROR;
            /* Heads report to the managing director, who is not in the data. */
            int changed;
            if (k > 0 && employees_set_manager(db, e.employee_id, head, &changed) != STORE_OK)
                return STORE_ERROR;
            if (k == 0)
                head = e.employee_id;
            for (int year = ty - 1; year <= ty; year++)
                if (add_learning(db, &e, row, act_rows, year, today) != STORE_OK)
                    return STORE_ERROR;
        }
    }
    funding f1 = {ty - 1, TYPE_FORMAL, 435000, 120000};
    funding f2 = {ty - 1, TYPE_INFORMAL, 0, 35000};
    int outcome;
    if (funding_upsert(db, &f1, &outcome) != STORE_OK ||
        funding_upsert(db, &f2, &outcome) != STORE_OK)
        return STORE_ERROR;
    /* On a site the organisation keeps the name it was added with: every
     * demo organisation called the same would look alike after a switch. */
    if (!site_org_name(db, a) &&
        settings_set(db, "demo", "name", "De Schelde Voeding NV") != STORE_OK)
        return STORE_ERROR;
    if (add_personas(db, a, act_rows, today) != STORE_OK)
        return STORE_ERROR;
    if (add_users(db, err) != STORE_OK || add_plans(db, ty) != STORE_OK)
        return STORE_ERROR;
    if (demo_competences(db, today, err) != STORE_OK)
        return STORE_ERROR;
    if (demo_sessions(db, today, err) != STORE_OK)
        return STORE_ERROR;
    if (demo_incentives(db, today, err) != STORE_OK)
        return STORE_ERROR;
    return audit_write(db, "demo", "create", "organisation", "demo", NULL, NULL);
}

int demo_fill(store *db, date_t today, str *err)
{
    arena a = ARENA_INIT;
    rng_state = 0x9E3779B97F4A7C15ull;
    int rc = store_begin(db);
    if (rc == STORE_OK)
        rc = fill(db, &a, today, err);
    if (rc == STORE_OK)
        rc = demo_onboarding(db, today, err);
    if (rc == STORE_OK)
        rc = demo_evaluation(db, today, err);
    if (rc == STORE_OK)
        rc = demo_certs(db, today, err);
    if ((rc = store_end(db, rc)) != STORE_OK && err->len == 0)
        str_puts(err, store_error(db));
    arena_free(&a);
    return rc;
}
