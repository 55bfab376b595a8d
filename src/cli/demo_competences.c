/* demo_competences.c - the demo organisation's competences: a catalogue of
 * ten, what each function needs now and in two to four years, a year of
 * assessments (with the employee persona's self-assessments beside her
 * manager's), training needs from every side and a development plan for the
 * employee persona. Fixed pseudo-random numbers, dates relative to today. */
#include "cli/cli.h"
#include "store/competences.h"
#include <stdio.h>
#include <string.h>

static uint64_t seed;

/* xorshift64*, its own sequence so the rest of the demo stays as it was. */
static uint32_t roll(uint32_t n)
{
    seed ^= seed >> 12;
    seed ^= seed << 25;
    seed ^= seed >> 27;
    return (uint32_t)((seed * 0x2545F4914F6CDD1Dull) >> 33) % n;
}

static const competence catalogue[] = {
    {0, "COMM", "Communicatie", KIND_GENERIC, "Helder overbrengen en luisteren, ook bij een "
     "overdracht tussen ploegen."},
    {0, "DIGI", "Digitale vaardigheden", KIND_GENERIC, "Werken met tablets, het MES-systeem "
     "en e-mail."},
    {0, "ERP", "ERP en planning", KIND_TECHNICAL, "Orders, voorraden en planning in het "
     "ERP-pakket."},
    {0, "HACCP", "Voedselveiligheid", KIND_TECHNICAL, "Hygiëne, kritieke controlepunten en "
     "registraties."},
    {0, "HEFTRUCK", "Heftruck rijden", KIND_TECHNICAL, "Veilig laden, lossen en stapelen."},
    {0, "LIJN", "Bediening productielijn", KIND_TECHNICAL, "Omstellen, bijsturen en kleine "
     "storingen verhelpen."},
    {0, "ONDERH", "Preventief onderhoud", KIND_TECHNICAL, "Inspecties en onderhoud volgens "
     "plan."},
    {0, "PROBL", "Probleemoplossend denken", KIND_GENERIC, "Oorzaken zoeken en verbeteringen "
     "voorstellen."},
    {0, "SAMEN", "Samenwerken", KIND_ATTITUDE, "Collega's helpen en afspraken nakomen."},
    {0, "VEILIG", "Veiligheidsbewustzijn", KIND_ATTITUDE, "Risico's zien en melden."},
};
#define NCOMPETENCES (sizeof catalogue / sizeof *catalogue)

/* A function's profile: competence codes with the level now and later. */
typedef struct demo_profile {
    const char *function;
    const char *lines; /* "CODE:now:future CODE:now:future ..." */
} demo_profile;

static const demo_profile profiles[] = {
    {"Operator", "DIGI:1:2 HACCP:3:3 LIJN:2:3 PROBL:1:2 SAMEN:2:2 VEILIG:3:3"},
    {"Lijnverantwoordelijke", "COMM:2:3 DIGI:2:3 HACCP:3:3 LIJN:3:4 PROBL:2:3 VEILIG:3:3"},
    {"Ploegleider", "COMM:3:3 DIGI:2:3 HACCP:3:3 LIJN:3:3 PROBL:3:3 SAMEN:3:3 VEILIG:3:4"},
    {"Kwaliteitscontroleur", "DIGI:2:3 HACCP:4:4 PROBL:2:3 VEILIG:3:3"},
    {"Productiemanager", "COMM:3:4 DIGI:2:3 ERP:2:3 HACCP:3:3 PROBL:3:4"},
    {"Magazijnier", "DIGI:1:2 ERP:1:2 HEFTRUCK:2:2 SAMEN:2:2 VEILIG:3:3"},
    {"Heftruckchauffeur", "DIGI:1:2 HEFTRUCK:3:3 VEILIG:3:3"},
    {"Planner", "COMM:2:3 DIGI:3:4 ERP:3:4 PROBL:2:3"},
    {"Logistiek manager", "COMM:3:3 DIGI:2:3 ERP:3:4 PROBL:3:3"},
    {"Technieker", "DIGI:2:3 ONDERH:3:3 PROBL:3:3 VEILIG:3:3"},
    {"Elektromecanicien", "DIGI:2:3 ONDERH:3:4 PROBL:3:3 VEILIG:3:3"},
    {"Hoofd technische dienst", "COMM:3:3 DIGI:2:3 ONDERH:3:4 PROBL:3:4"},
    {"Boekhouder", "DIGI:3:4 ERP:3:3 COMM:2:2"},
    {"HR-medewerker", "COMM:3:3 DIGI:3:4"},
    {"Administratief medewerker", "COMM:2:2 DIGI:2:3 ERP:2:3"},
    {"Onthaalmedewerker", "COMM:3:3 DIGI:2:3"},
    {"Administratief directeur", "COMM:3:4 DIGI:3:3 ERP:2:3"},
    {"Accountmanager", "COMM:3:4 DIGI:2:3 ERP:2:2 PROBL:2:3"},
    {"Binnendienst verkoop", "COMM:3:3 DIGI:2:3 ERP:2:3"},
    {"Marketingmedewerker", "COMM:3:3 DIGI:3:4"},
    {"Verkoopdirecteur", "COMM:4:4 DIGI:2:3 PROBL:3:3"},
};

/* Which competences the catalogue's activities develop. */
static const char *const activity_competences[][2] = {
    {"HACCP", "HACCP"}, {"HEFTRUCK", "HEFTRUCK|VEILIG"}, {"VCA", "VEILIG"},
    {"LEIDING", "COMM|SAMEN"}, {"KLANT", "COMM"}, {"EXCEL", "DIGI|ERP"}, {"DIGI", "DIGI"},
    {"ROTATIE", "LIJN|SAMEN"}, {"COP-LEAN", "PROBL|LIJN"}, {"INSTRUCTIE", "LIJN"},
    {"INTERVISIE", "COMM|PROBL"}, {"DUAAL", "ONDERH"},
};

/* Writes the catalogue, the profiles and what the activities develop. */
static int add_catalogue(store *db, arena *a)
{
    int64_t row;
    int outcome, rc = STORE_OK;
    for (size_t i = 0; rc == STORE_OK && i < NCOMPETENCES; i++)
        rc = competences_upsert(db, &catalogue[i], &row, &outcome);
    group_count *functions;
    size_t nfunctions;
    if (rc == STORE_OK)
        rc = functions_list(db, a, &functions, &nfunctions);
    for (size_t p = 0; rc == STORE_OK && p < sizeof profiles / sizeof *profiles; p++) {
        int64_t function_row = 0;
        for (size_t f = 0; f < nfunctions; f++)
            if (strcmp(functions[f].name, profiles[p].function) == 0)
                function_row = functions[f].count;
        if (!function_row)
            continue;
        const char *s = profiles[p].lines;
        char code[16];
        int now, later, used;
        while (rc == STORE_OK && sscanf(s, " %15[^:]:%d:%d%n", code, &now, &later, &used) == 3) {
            competence c;
            s += used;
            if ((rc = competences_get(db, a, code, &c)) == STORE_ROW)
                rc = profiles_upsert(db, function_row, c.id, now, later, &outcome);
        }
    }
    for (size_t i = 0; rc == STORE_OK &&
                       i < sizeof activity_competences / sizeof *activity_competences; i++)
        rc = activities_set_competences(db, activity_competences[i][0],
                                        activity_competences[i][1]);
    return rc;
}

/* One assessment of EMPLOYEE by ASSESSOR (NULL: none named). */
static int assess(store *db, const employee *e, int64_t competence_row, const char *code,
                  int level, date_t on, const char *assessor, int source, const char *note)
{
    assessment x = {0, e->employee_id, code, level < 0 ? 0 : level > 4 ? 4 : level, on,
                    assessor, source, note, "demo"};
    return assessments_insert(db, &x, e->id, competence_row, "demo", NULL);
}

/* A year of appraisals for everyone employed today: per required competence
 * mostly around the level needed now, some below it, some not assessed. */
static int add_assessments(store *db, arena *a, date_t today)
{
    employee *people;
    size_t npeople;
    profile_line *lines;
    size_t nlines;
    competence *comps;
    size_t ncomps;
    int rc = gap_people_load(db, a, &people, &npeople);
    if (rc == STORE_OK)
        rc = profiles_list(db, a, &lines, &nlines);
    if (rc == STORE_OK)
        rc = competences_list(db, a, &comps, &ncomps);
    for (size_t p = 0; rc == STORE_OK && p < npeople; p++) {
        const employee *e = &people[p];
        if (!date_employed_on(e->hire_date, e->exit_date, today))
            continue;
        /* The appraisal of this year, some months ago, but after the hire. */
        date_t on = today - 30 - (date_t)roll(200);
        if (on < e->hire_date)
            on = e->hire_date + (today - e->hire_date) / 2;
        for (size_t l = 0; rc == STORE_OK && l < nlines; l++) {
            if (strcmp(lines[l].function, e->function) != 0 || roll(10) == 0)
                continue;
            int64_t row = 0;
            for (size_t c = 0; c < ncomps; c++)
                if (strcmp(comps[c].code, lines[l].competence) == 0)
                    row = comps[c].id;
            int level = lines[l].level_now + (int)roll(4) - 2 + (roll(3) != 0);
            rc = assess(db, e, row, lines[l].competence, level, on, e->manager_id,
                        SOURCE_APPRAISAL, NULL);
        }
    }
    return rc;
}

/* The employee persona (E010) also assessed herself, beside her manager's
 * view, and her HACCP was tested after a refresher. */
static int add_persona_history(store *db, arena *a, date_t today)
{
    employee e;
    competence digi, haccp;
    int rc = employees_get(db, a, "E010", &e);
    if (rc != STORE_ROW)
        return rc == STORE_DONE ? STORE_OK : rc;
    if (competences_get(db, a, "DIGI", &digi) != STORE_ROW ||
        competences_get(db, a, "HACCP", &haccp) != STORE_ROW)
        return STORE_ERROR;
    rc = assess(db, &e, digi.id, "DIGI", 2, today - 20, "self", SOURCE_SELF,
                "Ik werk dagelijks met de tablet aan de lijn.");
    if (rc == STORE_OK)
        rc = assess(db, &e, haccp.id, "HACCP", 2, today - 400, "E001", SOURCE_APPRAISAL, NULL);
    if (rc == STORE_OK)
        rc = assess(db, &e, haccp.id, "HACCP", 3, today - 10, NULL, SOURCE_TEST,
                    "Test na de opfrissing: 17 op 20.");
    return rc;
}

/* Needs signalled from every side, one of them taken up by this year's plan. */
static int add_needs(store *db, date_t today)
{
    static const struct {
        const char *title;
        int scope;
        const char *employee, *function, *department, *competence;
        int source, priority;
        const char *actor;
        int role;
    } needs[] = {
        {"Werken met het nieuwe MES-scherm aan lijn 3", SCOPE_PERSON, "E010", NULL, NULL, "DIGI",
         NEED_FROM_EMPLOYEE, PRIORITY_MEDIUM, "employee", ROLE_EMPLOYEE},
        {"Storingen sneller zelf oplossen", SCOPE_TEAM, "E001", NULL, NULL, "PROBL",
         NEED_FROM_MANAGER, PRIORITY_HIGH, "manager", ROLE_MANAGER},
        {"Operatoren missen digitale basis voor de nieuwe lijn", SCOPE_FUNCTION, NULL,
         "Operator", NULL, "DIGI", NEED_FROM_PROFILE_GAP, PRIORITY_HIGH, "admin", ROLE_ADMIN},
        {"Bijna-ongeval bij het laden van vrachtwagens", SCOPE_DEPARTMENT, NULL, NULL,
         "Logistiek", "VEILIG", NEED_FROM_INCIDENT, PRIORITY_HIGH, "admin", ROLE_ADMIN},
        {"Taalondersteuning voor collega's in de nachtploeg", SCOPE_DEPARTMENT, NULL, NULL,
         "Productie", "COMM", NEED_FROM_REPRESENTATIVE, PRIORITY_MEDIUM, "representative",
         ROLE_REPRESENTATIVE},
        {"Jaarlijkse HACCP-opfrissing", SCOPE_EVERYONE, NULL, NULL, NULL, "HACCP",
         NEED_FROM_LEGAL, PRIORITY_MEDIUM, "admin", ROLE_ADMIN},
    };
    (void)today;
    int rc = STORE_OK;
    for (size_t i = 0; rc == STORE_OK && i < sizeof needs / sizeof *needs; i++) {
        training_need n = {0};
        n.title = needs[i].title;
        n.scope = needs[i].scope;
        n.employee_id = needs[i].employee;
        n.function = needs[i].function;
        n.department = needs[i].department;
        n.competence = needs[i].competence;
        n.source = needs[i].source;
        n.priority = needs[i].priority;
        int64_t id;
        rc = needs_add(db, needs[i].actor, needs[i].role, &n, &id);
        /* The legal refresher is already in the plan: planned. */
        if (rc == STORE_OK && needs[i].source == NEED_FROM_LEGAL)
            rc = needs_set_status(db, "admin", id, NEED_PLANNED, NULL, 0);
    }
    return rc;
}

/* The employee persona's development plan of this year. */
static int add_plan(store *db, arena *a, date_t today)
{
    employee e;
    int rc = employees_get(db, a, "E010", &e);
    if (rc != STORE_ROW)
        return rc == STORE_DONE ? STORE_OK : rc;
    int year = date_year(today);
    dev_plan p = {0, NULL, NULL, year, date_from_ymd(year, 1, 20), "E001",
                  "Doel: zelfstandig omstellen op lijn 3 en de tablet vlot gebruiken.", NULL};
    int64_t id;
    if ((rc = dev_plan_save(db, "manager", e.id, &p, &id)) != STORE_OK)
        return rc;
    const dev_item items[] = {
        {0, ITEM_GOAL, "Digitale vaardigheden naar niveau 3", "DIGI", 0, NULL, -1,
         date_from_ymd(year, 12, 31), -1, DATE_NONE},
        {0, ITEM_GOAL, "HACCP-kennis op peil houden", "HACCP", 0, NULL, -1,
         date_from_ymd(year, 12, 31), -1, DATE_NONE},
        {0, ITEM_ACTION, "Zelfstudie digitale basis", "DIGI", 0, "DIGI", -1,
         date_from_ymd(year, 6, 30), -1, DATE_NONE},
        {0, ITEM_ACTION, "Opfrissing HACCP", "HACCP", 0, "HACCP", -1,
         date_from_ymd(year, 10, 31), -1, DATE_NONE},
        {0, ITEM_ACTION, "Meelopen met de ploegleider bij het omstellen", "LIJN", 0, NULL, 2,
         date_from_ymd(year, 9, 30), -1, DATE_NONE},
    };
    for (size_t i = 0; rc == STORE_OK && i < sizeof items / sizeof *items; i++)
        rc = dev_item_add(db, "manager", id, &items[i]);
    if (rc == STORE_OK)
        rc = dev_plan_comment(db, "employee", id, "Akkoord, graag ook een opleiding rond de "
                                                  "nieuwe lijn.");
    return rc;
}

int demo_competences(store *db, date_t today, str *err)
{
    arena a = ARENA_INIT;
    seed = 0xC0FFEE1234567891ull;
    int rc = add_catalogue(db, &a);
    if (rc == STORE_OK)
        rc = add_assessments(db, &a, today);
    if (rc == STORE_OK)
        rc = add_persona_history(db, &a, today);
    if (rc == STORE_OK)
        rc = add_needs(db, today);
    if (rc == STORE_OK)
        rc = add_plan(db, &a, today);
    if (rc != STORE_OK && err->len == 0)
        str_printf(err, "demo competences: %s", store_error(db));
    arena_free(&a);
    return rc == STORE_OK ? STORE_OK : STORE_ERROR;
}
