/* import.c - see import.h. */
#include "core/import.h"
#include "core/formats.h"
#include "core/labels.h"
#include "core/onboarding.h"
#include "core/certifications.h"
#include "util/decimal.h"
#include "util/i18n.h"
#include "util/str.h"
#include "util/text.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *const import_kind_names[IMPORT_KINDS] = {"employees", "activities", "learning",
                                                     "funding", "competences", "profiles",
                                                     "assessments", "mentors"};

int import_kind_find(const char *name)
{
    for (int i = 0; i < IMPORT_KINDS; i++)
        if (strcmp(import_kind_names[i], name) == 0)
            return i;
    return -1;
}

static const char *const *columns_of(import_kind kind)
{
    switch (kind) {
    case IMPORT_EMPLOYEES: return employee_columns;
    case IMPORT_ACTIVITIES: return activity_columns;
    case IMPORT_LEARNING: return learning_columns;
    case IMPORT_COMPETENCES: return competence_columns;
    case IMPORT_PROFILES: return profile_columns;
    case IMPORT_ASSESSMENTS: return assessment_columns;
    case IMPORT_MENTORS: return mentor_columns;
    default: return funding_columns;
    }
}

/* What the columns allow, when they are not codes. */
#define FREE_TEXT N_("free text")
#define A_DATE N_("a date: 5/03/1979, 05-03-1979, 5.3.1979 or YYYY-MM-DD")
#define AN_AMOUNT N_("an amount in euro, at most two decimals: 1.234,56 or € 1.234,56")
#define SOME_HOURS N_("a number of hours above 0, at most two decimals: 7,6")
#define AN_ID N_("an employee_id of this file or of the employees already imported")

static const import_column employee_info[] = {
    {"employee_id", true, N_("Your own identifier for the person, such as the payroll number."),
     NULL, FREE_TEXT, "E100"},
    {"first_name", true, N_("The person's first name."), NULL, FREE_TEXT, "An"},
    {"last_name", true, N_("The person's last name."), NULL, FREE_TEXT, "Peeters"},
    {"email", false, N_("The person's e-mail address."), NULL, FREE_TEXT,
     "an.peeters@example.be"},
    {"gender", true, N_("The person's gender."), &vocab_gender, NULL, "V"},
    {"birth_date", true, N_("The date of birth."), NULL, A_DATE, "5/03/1979"},
    {"hire_date", true, N_("The first day of employment."), NULL, A_DATE, "1/09/2015"},
    {"exit_date", false, N_("The last day of employment; empty while employed."), NULL, A_DATE,
     ""},
    {"department", true, N_("The department, named as you name it."), NULL, FREE_TEXT,
     "Productie"},
    {"function", true, N_("The job, named as you name it."), NULL, FREE_TEXT, "Operator"},
    {"category", true, N_("Blue-collar or white-collar worker."), &vocab_category, NULL,
     "arbeider"},
    {"contract", true, N_("The kind of employment contract."), &vocab_contract, NULL, "vast"},
    {"fte", true, N_("The working time as a share of full time (1 is full time)."), NULL,
     N_("a number above 0 and at most 1, at most four decimals: 0,8"), "0,8"},
    {"education", true, N_("The level of education: low (no secondary school diploma), medium "
                           "(secondary school), high (higher education)."),
     &vocab_education, NULL, "midden"},
    {"born_abroad", false, N_("Born outside Belgium."), &vocab_answer, NULL, "nee"},
    {"disability", false, N_("Has a recognised work disability."), &vocab_answer, NULL,
     "onbekend"},
    {"manager_id", false, N_("The person's manager."), NULL, AN_ID, ""},
    {"shift", false, N_("The usual working schedule."), &vocab_shift, NULL, "ploegen"},
    {NULL, false, NULL, NULL, NULL, NULL}};

static const import_column activity_info[] = {
    {"code", true, N_("Your own code for the activity."), NULL, FREE_TEXT, "VEILIG-1"},
    {"title", true, N_("The name of the activity."), NULL, FREE_TEXT, "Basisveiligheid"},
    {"type", true, N_("Formal (a course with its own programme), informal (learning while "
                      "working) or initial (towards a diploma or qualification)."),
     &vocab_type, NULL, "formal"},
    {"form", true, N_("How the learning takes place."), &vocab_form, NULL, "classroom"},
    {"provider", false, N_("Who gives the training."), NULL, FREE_TEXT, "Opleidingscentrum"},
    {"internal", false, N_("Given by your own organisation (default: no)."), &vocab_yesno, NULL,
     "nee"},
    {"hours", false, N_("The length of the activity in hours."), NULL, SOME_HOURS, "8"},
    {"cost", false, N_("The usual cost per participant."), NULL, AN_AMOUNT, "195,00"},
    {"validity_months", false,
     N_("How many months the certificate stays valid; empty when it does not certify."), NULL,
     N_("a whole number of months: 60"), "120"},
    {"mandatory", false, N_("Required by law or by the organisation (default: no)."),
     &vocab_yesno, NULL, "ja"},
    {"target_functions", false,
     N_("The functions a mandatory activity is required for; empty for every function."), NULL,
     N_("function names separated by |, as in the employees file"), ""},
    {"competences", false, N_("The competences the activity develops."), NULL,
     N_("competence codes separated by |"), ""},
    {NULL, false, NULL, NULL, NULL, NULL}};

static const import_column learning_info[] = {
    {"employee_id", true, N_("Who learned: an employee_id already imported."), NULL, AN_ID,
     "E100"},
    {"activity_code", false,
     N_("The code of an activity in the catalogue; empty for a one-off activity."), NULL,
     FREE_TEXT, "VEILIG-1"},
    {"title", false, N_("The name of a one-off activity, when there is no activity_code."), NULL,
     FREE_TEXT, ""},
    {"type", false, N_("The type of a one-off activity; otherwise the activity's type."),
     &vocab_type, NULL, ""},
    {"start_date", true, N_("The (first) day of the learning, within the employment."), NULL,
     A_DATE, "10/02/2025"},
    {"end_date", false, N_("The last day, when it took more than one day."), NULL, A_DATE,
     "11/02/2025"},
    {"hours", true, N_("The hours of learning."), NULL, SOME_HOURS, "8"},
    {"working_time", false, N_("During working time."), &vocab_yesno, NULL, "ja"},
    {"cost", false, N_("The gross direct cost."), NULL, AN_AMOUNT, "195,00"},
    {"subsidy", false, N_("The subsidy received for this record."), NULL, AN_AMOUNT, "0"},
    {"training_leave", false, N_("Taken under Flemish training leave (default: no)."),
     &vocab_yesno, NULL, "nee"},
    {"result", false, N_("The outcome (default: completed)."), &vocab_result, NULL,
     "completed"},
    {NULL, false, NULL, NULL, NULL, NULL}};

static const import_column funding_info[] = {
    {"year", true, N_("The calendar year."), NULL, N_("a year: 2025"), "2025"},
    {"type", true, N_("The type of learning the amounts are for."), &vocab_type, NULL,
     "formal"},
    {"contributions", false, N_("Paid to collective training funds."), NULL, AN_AMOUNT,
     "1.250,00"},
    {"subsidies", false, N_("Received as training subsidies."), NULL, AN_AMOUNT, "400,00"},
    {NULL, false, NULL, NULL, NULL, NULL}};

#define A_LEVEL N_("a level from 0 to 4: 0 none, 1 basic, 2 independent, 3 experienced, 4 expert")

static const import_column competence_info[] = {
    {"code", true, N_("Your own short code for the competence."), NULL, FREE_TEXT, "DIGI"},
    {"name", true, N_("The name of the competence."), NULL, FREE_TEXT, "Digitale vaardigheden"},
    {"kind", true, N_("Technical (of the job), generic (key competences such as digital skills, "
                      "communication, problem solving, collaboration) or an attitude."),
     &vocab_competence_kind, NULL, "generiek"},
    {"description", false, N_("What the competence means in your organisation."), NULL,
     FREE_TEXT, ""},
    {NULL, false, NULL, NULL, NULL, NULL}};

static const import_column profile_info[] = {
    {"function", true, N_("The function, named exactly as in the employees file."), NULL,
     FREE_TEXT, "Operator"},
    {"competence_code", true, N_("The code of a competence of the catalogue."), NULL, FREE_TEXT,
     "DIGI"},
    {"level_now", true, N_("The level the function needs today."), NULL, A_LEVEL, "2"},
    {"level_future", false,
     N_("The level the function will need in two to four years (default: level_now)."), NULL,
     A_LEVEL, "3"},
    {NULL, false, NULL, NULL, NULL, NULL}};

static const import_column assessment_info[] = {
    {"employee_id", true, N_("Who was assessed: an employee_id already imported."), NULL, AN_ID,
     "E100"},
    {"competence_code", true, N_("The code of a competence of the catalogue."), NULL, FREE_TEXT,
     "DIGI"},
    {"level", true, N_("The level found."), NULL, A_LEVEL, "2"},
    {"assessed_on", true, N_("The day of the assessment, not in the future."), NULL, A_DATE,
     "15/01/2026"},
    {"assessor", false, N_("Who assessed: an employee_id, or self for a self-assessment."), NULL,
     N_("an employee_id already imported, or self"), "E7"},
    {"source", false, N_("How the level was found (default: appraisal)."),
     &vocab_assessment_source, NULL, "appraisal"},
    {"note", false, N_("A short note on the assessment."), NULL, FREE_TEXT, ""},
    {NULL, false, NULL, NULL, NULL, NULL}};

static const import_column mentor_info[] = {
    {"employee_id", true, N_("The newcomer: an employee_id already imported."), NULL, AN_ID,
     "E120"},
    {"mentor_id", true, N_("The experienced colleague who guides the newcomer."), NULL, AN_ID,
     "E100"},
    {"from", true, N_("The first day of the guidance: the hiring day, as the law asks."), NULL,
     A_DATE, "1/09/2026"},
    {"to", false, N_("The last day of the guidance; empty while it lasts."), NULL, A_DATE, ""},
    {NULL, false, NULL, NULL, NULL, NULL}};

const import_column *import_columns(import_kind kind)
{
    switch (kind) {
    case IMPORT_EMPLOYEES: return employee_info;
    case IMPORT_ACTIVITIES: return activity_info;
    case IMPORT_LEARNING: return learning_info;
    case IMPORT_COMPETENCES: return competence_info;
    case IMPORT_PROFILES: return profile_info;
    case IMPORT_ASSESSMENTS: return assessment_info;
    case IMPORT_MENTORS: return mentor_info;
    default: return funding_info;
    }
}

bool import_column_allowed(const import_column *col, str *out)
{
    if (!col->codes)
        return str_puts(out, _(col->allowed));
    for (int i = 0; i < col->codes->count; i++) {
        const char *aliases = code_aliases(col->codes, i);
        str_printf(out, "%s%s", i ? ", " : "", vocab_name(col->codes, i));
        if (*aliases)
            str_printf(out, " (%s)", aliases);
    }
    return str_ok(out);
}

/* Required columns per kind (DESIGN §4, the starred ones). */
static bool column_required(import_kind kind, const char *name)
{
    for (const import_column *c = import_columns(kind); c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c->required;
    return false;
}

void import_log_init(import_log *log, arena *a)
{
    memset(log, 0, sizeof *log);
    log->a = a;
}

/* Whether LOG keeps the problems of row LINE of FILE: one of the rows it
 * keeps already, or a new one while it keeps fewer than IMPORT_MAX_ROWS
 * (then added). A binary search over at most IMPORT_MAX_ROWS rows, so that a
 * file of a million bad rows costs no more per row than a good one. */
static bool row_kept(import_log *log, const char *file, long line)
{
    size_t lo = 0, hi = log->nrows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const import_row *r = &log->rows[mid];
        if (r->file == file && r->line == line)
            return true;
        /* Any fixed order does for the search: files by address, then lines. */
        bool before = r->file == file ? r->line < line : (uintptr_t)r->file < (uintptr_t)file;
        if (before)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (log->nrows == IMPORT_MAX_ROWS)
        return false;
    memmove(&log->rows[lo + 1], &log->rows[lo], (log->nrows - lo) * sizeof log->rows[0]);
    log->rows[lo] = (import_row){file, line};
    log->nrows++;
    return true;
}

bool import_problem_keep(import_log *log, const import_problem *p)
{
    if (!row_kept(log, p->file, p->line))
        return false;
    import_problem *q = arena_push(log->a, &log->problems, &log->kept, &log->cap, sizeof *q);
    if (!q)
        return false;
    q->file = p->file;
    q->line = p->line;
    q->column = p->column;
    q->value = p->value ? arena_strdup(log->a, p->value) : NULL;
    q->expected = arena_strdup(log->a, p->expected);
    if ((p->value && !q->value) || !q->expected) {
        log->kept--;
        return false;
    }
    return true;
}

void import_log_rewind(import_log *log, size_t kept, size_t total)
{
    log->kept = kept;
    log->total = total;
    log->nrows = 0;
    for (size_t i = 0; i < kept; i++)
        row_kept(log, log->problems[i].file, log->problems[i].line);
}

void import_problem_add(import_log *log, long line, const char *column, const char *value,
                        size_t value_len, const char *expected_fmt, ...)
{
    log->total++;
    if (!row_kept(log, log->file, line))
        return;
    import_problem *p = arena_push(log->a, &log->problems, &log->kept, &log->cap, sizeof *p);
    if (!p)
        return;
    str text = STR_INIT;
    va_list ap;
    va_start(ap, expected_fmt);
    str_vprintf(&text, expected_fmt, ap);
    va_end(ap);
    p->file = log->file;
    p->line = line;
    p->column = column;
    p->value = value ? arena_strndup(log->a, value, value_len) : NULL;
    p->expected = arena_strdup(log->a, str_ok(&text) ? str_cstr(&text) : expected_fmt);
    str_free(&text);
    if ((value && !p->value) || !p->expected)
        log->kept--; /* counted in total: the report says there are more */
}

/* S[0..n) without surrounding spaces and tabs. */
static csv_field trimmed(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return (csv_field){(char *)s, n};
}

/* The words people write for a column in Dutch or French (lower case, as
 * typed), and the column the template names it: for a header that is no
 * column, "did you mean". The import itself takes the template's names only
 * (DESIGN: unknown columns are an error). */
static const char *const column_words[][2] = {
    {"personeelsnummer", "employee_id"}, {"werknemersnummer", "employee_id"},
    {"nummer", "employee_id"}, {"matricule", "employee_id"}, {"numéro", "employee_id"},
    {"voornaam", "first_name"}, {"prénom", "first_name"}, {"prenom", "first_name"},
    {"familienaam", "last_name"}, {"achternaam", "last_name"}, {"naam", "last_name"},
    {"nom", "last_name"}, {"nom de famille", "last_name"},
    {"e-mail", "email"}, {"mail", "email"}, {"courriel", "email"},
    {"geslacht", "gender"}, {"sexe", "gender"}, {"genre", "gender"},
    {"geboortedatum", "birth_date"}, {"date de naissance", "birth_date"},
    {"datum in dienst", "hire_date"}, {"in dienst", "hire_date"}, {"date d'entrée", "hire_date"},
    {"datum uit dienst", "exit_date"}, {"uit dienst", "exit_date"},
    {"date de sortie", "exit_date"},
    {"afdeling", "department"}, {"dienst", "department"}, {"département", "department"},
    {"service", "department"}, {"functie", "function"}, {"fonction", "function"},
    {"categorie", "category"}, {"statuut", "category"}, {"catégorie", "category"},
    {"statut", "category"}, {"contrat", "contract"}, {"vte", "fte"}, {"etp", "fte"},
    {"opleidingsniveau", "education"}, {"niveau", "education"},
    {"leidinggevende", "manager_id"}, {"chef", "manager_id"}, {"responsable", "manager_id"},
    {"ploeg", "shift"}, {"uurrooster", "shift"}, {"horaire", "shift"},
    {"activiteit", "activity_code"}, {"activité", "activity_code"},
    {"titel", "title"}, {"titre", "title"}, {"soort", "type"},
    {"startdatum", "start_date"}, {"begindatum", "start_date"}, {"datum", "start_date"},
    {"date de début", "start_date"}, {"einddatum", "end_date"}, {"date de fin", "end_date"},
    {"uren", "hours"}, {"heures", "hours"}, {"kost", "cost"}, {"kosten", "cost"},
    {"coût", "cost"}, {"subsidie", "subsidy"}, {"subside", "subsidy"},
    {"opleidingsverlof", "training_leave"}, {"congé-éducation", "training_leave"},
    {"resultaat", "result"}, {"résultat", "result"}, {"jaar", "year"}, {"année", "year"},
    {"peter", "mentor_id"}, {"meter", "mentor_id"}, {"parrain", "mentor_id"},
    {"marraine", "mentor_id"}, {"van", "from"}, {"tot", "to"},
};

/* The column of KNOWN that header NAME (N bytes) was likely meant to be: a
 * Dutch or French word for it, or a column name mistyped; NULL when none. */
static const char *meant_column(const char *const *known, const char *name, size_t n)
{
    char word[64];
    if (n == 0 || n >= sizeof word)
        return NULL;
    for (size_t i = 0; i < n; i++) /* ASCII lower case; accents are typed as they are */
        word[i] = name[i] >= 'A' && name[i] <= 'Z' ? (char)(name[i] - 'A' + 'a') : name[i];
    word[n] = '\0';
    for (size_t w = 0; w < sizeof column_words / sizeof *column_words; w++)
        if (strcmp(word, column_words[w][0]) == 0)
            for (int k = 0; known[k]; k++)
                if (strcmp(known[k], column_words[w][1]) == 0)
                    return known[k];
    return text_closest(word, known);
}

bool import_read_header(import_log *log, csv_reader *r, import_kind kind, import_header *h)
{
    memset(h, 0, sizeof *h);
    h->kind = kind;
    h->known = columns_of(kind);
    for (int i = 0; i < IMPORT_MAX_COLUMNS; i++)
        h->field_of[i] = -1;
    int rc = csv_next(r);
    if (rc <= 0) {
        import_problem_add(log, r->line, NULL, NULL, 0, "%s",
                           rc < 0 ? _(r->error) : _("a header line naming the columns"));
        return false;
    }
    h->nfields = r->nfields;
    bool ok = true;
    for (size_t f = 0; f < r->nfields; f++) {
        csv_field name = trimmed(r->fields[f].p, r->fields[f].len);
        int k = 0;
        /* Spreadsheets capitalise headers ("Employee_id"): case does not matter. */
        while (h->known[k] && (strlen(h->known[k]) != name.len ||
                               strncasecmp(h->known[k], name.p, name.len) != 0))
            k++;
        if (!h->known[k]) {
            str list = STR_INIT;
            for (int i = 0; h->known[i]; i++)
                str_printf(&list, "%s%s", i ? ", " : "", h->known[i]);
            const char *meant = meant_column(h->known, name.p, name.len);
            if (meant)
                import_problem_add(log, r->record_line, NULL, name.p, name.len,
                                   _("the column %s (the template's name for it; known "
                                     "columns: %s)"),
                                   meant, str_cstr(&list));
            else
                import_problem_add(log, r->record_line, NULL, name.p, name.len,
                                   _("a known column: %s"), str_cstr(&list));
            str_free(&list);
            ok = false;
        } else if (h->field_of[k] >= 0) {
            import_problem_add(log, r->record_line, h->known[k], name.p, name.len, "%s",
                               _("each column once"));
            ok = false;
        } else {
            h->field_of[k] = (int)f;
        }
    }
    for (int k = 0; h->known[k]; k++)
        if (h->field_of[k] < 0 && column_required(kind, h->known[k])) {
            import_problem_add(log, r->record_line, h->known[k], NULL, 0, "%s",
                               _("this required column in the header"));
            ok = false;
        }
    return ok;
}

/* The parsing of one row: its reader, header and whether it is still good. */
typedef struct row {
    import_log *log;
    const import_header *h;
    const csv_reader *r;
    arena *a;
    bool ok;
    bool told_short; /* a problem said that the row stops early */
} row;

/* The trimmed value of known column COL (empty when the file lacks it). */
static csv_field get(const row *w, int col)
{
    int f = w->h->field_of[col];
    if (f < 0 || (size_t)f >= w->r->nfields)
        return (csv_field){"", 0};
    csv_field v = trimmed(w->r->fields[f].p, w->r->fields[f].len);
    /* Our exports guard text that a spreadsheet would run as a formula
     * ("'=..."): reading takes exactly that guard off again. */
    const char *p = v.p;
    if (csv_unguard(&p, &v.len))
        v.p = (char *)p;
    return v;
}

/* Tells that column COL's value V is not what EXPECTED says. The first
 * problem of a value the row does not reach (it has fewer fields than the
 * header) also says where the row stops, which points at a lost separator
 * or a cut line sooner than "value ''" alone does. */
static void problem(row *w, int col, csv_field v, const char *expected)
{
    int f = w->h->field_of[col];
    /* (a sheet's row ends at its last filled cell: nothing to say there) */
    if (f >= 0 && (size_t)f >= w->r->nfields && !w->told_short && !w->r->source) {
        import_problem_add(w->log, w->r->record_line, w->h->known[col], v.p, v.len,
                           _("%s; the row stops after field %zu of %zu"), expected,
                           w->r->nfields, w->h->nfields);
        w->told_short = true;
    } else {
        import_problem_add(w->log, w->r->record_line, w->h->known[col], v.p, v.len, "%s",
                           expected);
    }
    w->ok = false;
}

/* Text of NAME copied into the arena; NULL when empty (a problem if REQUIRED). */
static const char *text(row *w, int col, bool required)
{
    csv_field v = get(w, col);
    if (v.len == 0) {
        if (required)
            problem(w, col, v, _("a value (this column is required)"));
        return NULL;
    }
    if (memchr(v.p, '\0', v.len)) {
        problem(w, col, v, _("text without NUL bytes"));
        return NULL;
    }
    const char *s = arena_strndup(w->a, v.p, v.len);
    if (!s)
        w->ok = false;
    return s;
}

/* The index of NAME's value in V; EMPTY when it is empty and not required. */
static int choice(row *w, int col, const vocab *v, bool required, int empty)
{
    csv_field f = get(w, col);
    if (f.len == 0 && !required)
        return empty;
    int i = code_read(v, f.p, f.len);
    if (i < 0) {
        str msg = STR_INIT;
        vocab_expected(v, true, &msg);
        problem(w, col, f, str_ok(&msg) ? str_cstr(&msg) : "?");
        str_free(&msg);
        return empty;
    }
    return i;
}

static date_t date_of(row *w, int col, bool required)
{
    csv_field f = get(w, col);
    date_t d;
    if (f.len == 0 && !required)
        return DATE_NONE;
    date_status st = date_read(f.p, f.len, &d);
    if (st != DATE_READ_OK) {
        problem(w, col, f, date_expected(st));
        return DATE_NONE;
    }
    return d;
}

/* True when F may be thousands grouped by a comma ("1,250": one to three
 * digits, not a lone 0, a comma, three digits), which the import reads
 * with the comma as Belgium's decimal mark (util/decimal.c); WHOLE gets
 * the digits without it ("1250"), to say how to write thousands. */
static bool comma_before_thousands(csv_field f, char *whole, size_t size)
{
    size_t mark = 0;
    while (mark < f.len && f.p[mark] >= '0' && f.p[mark] <= '9')
        mark++;
    if (mark < 1 || mark > 3 || f.p[0] == '0' || f.len != mark + 4 || size < f.len ||
        f.p[mark] != ',')
        return false;
    for (size_t i = mark + 1; i < f.len; i++)
        if (f.p[i] < '0' || f.p[i] > '9')
            return false;
    memcpy(whole, f.p, mark);
    memcpy(whole + mark, f.p + mark + 1, 3);
    whole[f.len - 1] = '\0';
    return true;
}

/* Money columns: cents, read by decimal_parse_money (a currency sign allowed). */
#define MONEY (-2)

/* A decimal with SCALE places (MONEY: an amount in cents); MIN_EXCLUSIVE says
 * whether MIN itself is allowed. Returns -1 when empty and optional. */
static int64_t number(row *w, int col, int scale, bool required, int64_t min,
                      bool min_exclusive, int64_t max)
{
    bool money = scale == MONEY;
    if (money)
        scale = 2;
    csv_field f = get(w, col);
    if (f.len == 0) {
        if (required)
            problem(w, col, f, _("a value (this column is required)"));
        return -1;
    }
    int64_t v;
    decimal_status st = money ? decimal_parse_money(f.p, f.len, &v)
                              : decimal_parse(f.p, f.len, scale, &v);
    if (st == DECIMAL_TOO_PRECISE) {
        str msg = STR_INIT;
        char whole[16];
        str_printf(&msg, P_("a number with at most %d decimal", "a number with at most %d decimals",
                            (unsigned long)scale),
                   scale);
        if (comma_before_thousands(f, whole, sizeof whole))
            str_printf(&msg, _(" (a comma is the decimal mark; for thousands, write %s)"), whole);
        problem(w, col, f, str_ok(&msg) ? str_cstr(&msg) : "?");
        str_free(&msg);
        return -1;
    }
    if (st != DECIMAL_OK || v < min || (min_exclusive && v == min) || v > max) {
        char lo[32], hi[32];
        decimal_format(min, scale, 0, lo, sizeof lo);
        decimal_format(max, scale, 0, hi, sizeof hi);
        str msg = STR_INIT;
        bool unbounded = max >= INT64_MAX / 4; /* only an overflow guard: no upper bound */
        /* a bounded number (an FTE: above 0, at most 1) is best shown by its
         * bounds, even when what was typed is no number at all ("50%") */
        if (st != DECIMAL_OK && unbounded)
            str_puts(&msg, _("a number such as 12,5 or 1.234,56"));
        else if (unbounded)
            str_printf(&msg, min_exclusive ? _("a number above %s") : _("a number of at least %s"),
                       lo);
        else
            str_printf(&msg, min_exclusive ? _("a number above %s and at most %s")
                                           : _("a number from %s to %s"), lo, hi);
        problem(w, col, f, str_ok(&msg) ? str_cstr(&msg) : "?");
        str_free(&msg);
        return -1;
    }
    return v;
}

/* Checks the row's shape: no more fields than the header (unless empty). */
static bool row_begin(row *w, import_log *log, const import_header *h, const csv_reader *r,
                      arena *a)
{
    *w = (row){log, h, r, a, true, false};
    for (size_t f = h->nfields; f < r->nfields; f++)
        if (trimmed(r->fields[f].p, r->fields[f].len).len) {
            import_problem_add(log, r->record_line, NULL, NULL, 0,
                               P_("at most %zu field, as many as the header has",
                                  "at most %zu fields, as many as the header has", h->nfields),
                               h->nfields);
            return false;
        }
    return true;
}

bool import_parse_employee(import_log *log, const import_header *h, const csv_reader *r,
                           arena *a, employee *e)
{
    row w;
    memset(e, 0, sizeof *e);
    if (!row_begin(&w, log, h, r, a))
        return false;
    e->employee_id = text(&w, EC_EMPLOYEE_ID, true);
    e->first_name = text(&w, EC_FIRST_NAME, true);
    e->last_name = text(&w, EC_LAST_NAME, true);
    e->email = text(&w, EC_EMAIL, false);
    e->gender = choice(&w, EC_GENDER, &vocab_gender, true, -1);
    e->birth_date = date_of(&w, EC_BIRTH_DATE, true);
    e->hire_date = date_of(&w, EC_HIRE_DATE, true);
    e->exit_date = date_of(&w, EC_EXIT_DATE, false);
    e->department = text(&w, EC_DEPARTMENT, true);
    e->function = text(&w, EC_FUNCTION, true);
    e->category = choice(&w, EC_CATEGORY, &vocab_category, true, -1);
    e->contract = choice(&w, EC_CONTRACT, &vocab_contract, true, -1);
    e->fte = (int32_t)number(&w, EC_FTE, 4, true, 0, true, 10000);
    e->education = choice(&w, EC_EDUCATION, &vocab_education, true, -1);
    e->born_abroad = choice(&w, EC_BORN_ABROAD, &vocab_answer, false, ANSWER_NONE);
    e->disability = choice(&w, EC_DISABILITY, &vocab_answer, false, ANSWER_NONE);
    e->manager_id = text(&w, EC_MANAGER_ID, false);
    e->shift = choice(&w, EC_SHIFT, &vocab_shift, false, SHIFT_NONE);
    if (e->exit_date != DATE_NONE && e->hire_date != DATE_NONE && e->exit_date < e->hire_date)
        problem(&w, EC_EXIT_DATE, get(&w, EC_EXIT_DATE), _("a date on or after the hire_date"));
    if (e->manager_id && e->employee_id && strcmp(e->manager_id, e->employee_id) == 0)
        problem(&w, EC_MANAGER_ID, get(&w, EC_MANAGER_ID), _("someone other than the employee"));
    return w.ok;
}

bool import_parse_activity(import_log *log, const import_header *h, const csv_reader *r,
                           arena *a, activity *x)
{
    row w;
    memset(x, 0, sizeof *x);
    if (!row_begin(&w, log, h, r, a))
        return false;
    x->code = text(&w, AC_CODE, true);
    x->title = text(&w, AC_TITLE, true);
    x->type = choice(&w, AC_TYPE, &vocab_type, true, -1);
    x->form = choice(&w, AC_FORM, &vocab_form, true, -1);
    x->provider = text(&w, AC_PROVIDER, false);
    x->internal = choice(&w, AC_INTERNAL, &vocab_yesno, false, 1) == 0;
    x->hours = number(&w, AC_HOURS, 2, false, 0, true, 10000000);
    x->cost = number(&w, AC_COST, MONEY, false, 0, false, INT64_MAX / 4);
    int64_t validity = number(&w, AC_VALIDITY_MONTHS, 0, false, 0, false, 1200);
    x->validity_months = validity > 0 ? (int)validity : 0;
    x->mandatory = choice(&w, AC_MANDATORY, &vocab_yesno, false, 1) == 0;
    csv_field targets = get(&w, AC_TARGET_FUNCTIONS);
    if (memchr(targets.p, '\0', targets.len))
        problem(&w, AC_TARGET_FUNCTIONS, targets, _("text without NUL bytes"));
    else if (!cert_targets_normalize(targets.p, targets.len, a, &x->target_functions))
        w.ok = false;
    x->competences = text(&w, AC_COMPETENCES, false);
    return w.ok;
}

bool import_parse_learning(import_log *log, const import_header *h, const csv_reader *r,
                           arena *a, learning_record *lr)
{
    row w;
    memset(lr, 0, sizeof *lr);
    if (!row_begin(&w, log, h, r, a))
        return false;
    lr->employee_id = text(&w, LC_EMPLOYEE_ID, true);
    lr->activity_code = text(&w, LC_ACTIVITY_CODE, false);
    lr->title = text(&w, LC_TITLE, false);
    lr->own_type = choice(&w, LC_TYPE, &vocab_type, false, -1);
    lr->type = lr->own_type;
    lr->start_date = date_of(&w, LC_START_DATE, true);
    lr->end_date = date_of(&w, LC_END_DATE, false);
    lr->hours = number(&w, LC_HOURS, 2, true, 0, true, 10000000);
    int wt = choice(&w, LC_WORKING_TIME, &vocab_yesno, false, -1);
    lr->working_time = wt < 0 ? -1 : wt == 0;
    int64_t cost = number(&w, LC_COST, MONEY, false, 0, false, INT64_MAX / 4);
    int64_t subsidy = number(&w, LC_SUBSIDY, MONEY, false, 0, false, INT64_MAX / 4);
    lr->cost = cost > 0 ? cost : 0;
    lr->subsidy = subsidy > 0 ? subsidy : 0;
    lr->training_leave = choice(&w, LC_TRAINING_LEAVE, &vocab_yesno, false, 1) == 0;
    lr->result = choice(&w, LC_RESULT, &vocab_result, false, RESULT_COMPLETED);
    if (!lr->activity_code && !lr->title)
        problem(&w, LC_ACTIVITY_CODE, get(&w, LC_ACTIVITY_CODE),
                _("an activity_code, or a title for a one-off activity"));
    if (!lr->activity_code && lr->own_type < 0 && get(&w, LC_TYPE).len == 0)
        problem(&w, LC_TYPE, get(&w, LC_TYPE),
                _("a type (formal, informal or initial) when there is no activity_code"));
    if (lr->end_date != DATE_NONE && lr->start_date != DATE_NONE && lr->end_date < lr->start_date)
        problem(&w, LC_END_DATE, get(&w, LC_END_DATE), _("a date on or after the start_date"));
    return w.ok;
}

bool import_parse_funding(import_log *log, const import_header *h, const csv_reader *r,
                          funding *f)
{
    row w;
    memset(f, 0, sizeof *f);
    if (!row_begin(&w, log, h, r, log->a))
        return false;
    f->year = (int)number(&w, FC_YEAR, 0, true, 1990, false, 2199);
    f->type = choice(&w, FC_TYPE, &vocab_type, true, -1);
    int64_t c = number(&w, FC_CONTRIBUTIONS, MONEY, false, 0, false, INT64_MAX / 4);
    int64_t s = number(&w, FC_SUBSIDIES, MONEY, false, 0, false, INT64_MAX / 4);
    f->contributions = c > 0 ? c : 0;
    f->subsidies = s > 0 ? s : 0;
    return w.ok;
}

/* A level 0-4 of column COL; -1 when empty and not required (or bad). */
static int level_of(row *w, int col, bool required)
{
    csv_field f = get(w, col);
    if (f.len == 0 && !required)
        return -1;
    if (f.len == 0) {
        problem(w, col, f, _("a value (this column is required)"));
        return -1;
    }
    if (f.len != 1 || f.p[0] < '0' || f.p[0] > '4') {
        problem(w, col, f, _(A_LEVEL));
        return -1;
    }
    return f.p[0] - '0';
}

bool import_parse_competence(import_log *log, const import_header *h, const csv_reader *r,
                             arena *a, competence *c)
{
    row w;
    memset(c, 0, sizeof *c);
    if (!row_begin(&w, log, h, r, a))
        return false;
    c->code = text(&w, CC_CODE, true);
    c->name = text(&w, CC_NAME, true);
    c->kind = choice(&w, CC_KIND, &vocab_competence_kind, true, -1);
    c->description = text(&w, CC_DESCRIPTION, false);
    return w.ok;
}

bool import_parse_profile(import_log *log, const import_header *h, const csv_reader *r,
                          arena *a, profile_line *p)
{
    row w;
    memset(p, 0, sizeof *p);
    if (!row_begin(&w, log, h, r, a))
        return false;
    p->function = text(&w, PC_FUNCTION, true);
    p->competence = text(&w, PC_COMPETENCE_CODE, true);
    p->level_now = level_of(&w, PC_LEVEL_NOW, true);
    p->level_future = level_of(&w, PC_LEVEL_FUTURE, false);
    if (p->level_future < 0 && get(&w, PC_LEVEL_FUTURE).len == 0)
        p->level_future = p->level_now;
    return w.ok;
}

bool import_parse_assessment(import_log *log, const import_header *h, const csv_reader *r,
                             arena *a, date_t today, assessment *s)
{
    row w;
    memset(s, 0, sizeof *s);
    if (!row_begin(&w, log, h, r, a))
        return false;
    s->employee_id = text(&w, SC_EMPLOYEE_ID, true);
    s->competence = text(&w, SC_COMPETENCE_CODE, true);
    s->level = level_of(&w, SC_LEVEL, true);
    s->assessed_on = date_of(&w, SC_ASSESSED_ON, true);
    s->assessor = text(&w, SC_ASSESSOR, false);
    s->source = choice(&w, SC_SOURCE, &vocab_assessment_source, false, SOURCE_APPRAISAL);
    s->note = text(&w, SC_NOTE, false);
    /* "self" is read in any case and in Dutch and French, like the codes. */
    if (s->assessor && code_read(&vocab_assessment_source, s->assessor, strlen(s->assessor)) ==
                           SOURCE_SELF)
        s->assessor = ASSESSOR_SELF;
    if (s->assessed_on != DATE_NONE && s->assessed_on > today) {
        char day[DATE_TEXT_SIZE];
        date_format(today, day);
        csv_field v = get(&w, SC_ASSESSED_ON);
        import_problem_add(log, r->record_line, h->known[SC_ASSESSED_ON], v.p, v.len,
                           _("a date not after today (%s)"), day);
        w.ok = false;
    }
    return w.ok;
}

bool import_parse_mentor(import_log *log, const import_header *h, const csv_reader *r,
                         arena *a, mentor_assignment *m)
{
    row w;
    memset(m, 0, sizeof *m);
    if (!row_begin(&w, log, h, r, a))
        return false;
    m->newcomer_id = text(&w, MC_EMPLOYEE_ID, true);
    m->mentor_id = text(&w, MC_MENTOR_ID, true);
    m->from = date_of(&w, MC_FROM, true);
    m->to = date_of(&w, MC_TO, false);
    if (m->newcomer_id && m->mentor_id && strcmp(m->newcomer_id, m->mentor_id) == 0)
        problem(&w, MC_MENTOR_ID, get(&w, MC_MENTOR_ID), _("someone other than the newcomer"));
    if (m->to != DATE_NONE && m->from != DATE_NONE && m->to < m->from)
        problem(&w, MC_TO, get(&w, MC_TO), _("a date on or after from"));
    return w.ok;
}
