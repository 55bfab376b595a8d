/* formats.c - see formats.h. */
#include "core/formats.h"
#include "core/competences.h"
#include "core/onboarding.h"
#include "util/i18n.h"
#include <string.h>

const char *const employee_columns[] = {
    "employee_id", "first_name", "last_name", "email", "gender", "birth_date", "hire_date",
    "exit_date", "department", "function", "category", "contract", "fte", "education",
    "born_abroad", "disability", "manager_id", "shift", NULL};
const char *const activity_columns[] = {
    "code", "title", "type", "form", "provider", "internal", "hours", "cost",
    "validity_months", "mandatory", "target_functions", "competences", NULL};
const char *const learning_columns[] = {
    "employee_id", "activity_code", "title", "type", "start_date", "end_date", "hours",
    "working_time", "cost", "subsidy", "training_leave", "result", NULL};
const char *const funding_columns[] = {"year", "type", "contributions", "subsidies", NULL};
const char *const mentor_columns[] = {"employee_id", "mentor_id", "from", "to", NULL};

static cell choice(int v, const vocab *names)
{
    return v < 0 ? cell_empty() : cell_text(vocab_name(names, v));
}

static cell yes_no(int v)
{
    return v < 0 ? cell_empty() : cell_text(v ? "yes" : "no");
}

void employee_cells(const employee *e, cell out[EMPLOYEE_COLUMNS])
{
    out[0] = cell_text(e->employee_id);
    out[1] = cell_text(e->first_name);
    out[2] = cell_text(e->last_name);
    out[3] = cell_text(e->email);
    out[4] = choice(e->gender, &vocab_gender);
    out[5] = cell_date(e->birth_date);
    out[6] = cell_date(e->hire_date);
    out[7] = cell_date(e->exit_date);
    out[8] = cell_text(e->department);
    out[9] = cell_text(e->function);
    out[10] = choice(e->category, &vocab_category);
    out[11] = choice(e->contract, &vocab_contract);
    out[12] = cell_number(e->fte, 4);
    out[13] = choice(e->education, &vocab_education);
    out[14] = choice(e->born_abroad, &vocab_answer);
    out[15] = choice(e->disability, &vocab_answer);
    out[16] = cell_text(e->manager_id);
    out[17] = choice(e->shift, &vocab_shift);
}

void activity_cells(const activity *a, cell out[ACTIVITY_COLUMNS])
{
    out[0] = cell_text(a->code);
    out[1] = cell_text(a->title);
    out[2] = choice(a->type, &vocab_type);
    out[3] = choice(a->form, &vocab_form);
    out[4] = cell_text(a->provider);
    out[5] = yes_no(a->internal);
    out[6] = a->hours >= 0 ? cell_number(a->hours, 2) : cell_empty();
    out[7] = a->cost >= 0 ? cell_money(a->cost) : cell_empty();
    out[8] = a->validity_months > 0 ? cell_number(a->validity_months, 0) : cell_empty();
    out[9] = yes_no(a->mandatory);
    out[10] = cell_text(a->target_functions);
    out[11] = cell_text(a->competences);
}

void learning_cells(const learning_record *r, cell out[LEARNING_COLUMNS])
{
    out[0] = cell_text(r->employee_id);
    out[1] = cell_text(r->activity_code);
    out[2] = cell_text(r->title);
    out[3] = choice(r->own_type, &vocab_type);
    out[4] = cell_date(r->start_date);
    out[5] = cell_date(r->end_date);
    out[6] = cell_number(r->hours, 2);
    out[7] = yes_no(r->working_time);
    out[8] = cell_money(r->cost);
    out[9] = cell_money(r->subsidy);
    out[10] = yes_no(r->training_leave);
    out[11] = choice(r->result, &vocab_result);
}

void funding_cells(const funding *f, cell out[FUNDING_COLUMNS])
{
    out[0] = cell_number(f->year, 0);
    out[1] = choice(f->type, &vocab_type);
    out[2] = cell_money(f->contributions);
    out[3] = cell_money(f->subsidies);
}

void mentor_cells(const mentor_assignment *m, cell out[MENTOR_COLUMNS])
{
    out[0] = cell_text(m->newcomer_id);
    out[1] = cell_text(m->mentor_id);
    out[2] = cell_date(m->from);
    out[3] = cell_date(m->to);
}

json_t *employee_json(const employee *e)
{
    cell c[EMPLOYEE_COLUMNS];
    employee_cells(e, c);
    return table_json_object(employee_columns, c, EMPLOYEE_COLUMNS);
}

json_t *activity_json(const activity *a)
{
    cell c[ACTIVITY_COLUMNS];
    activity_cells(a, c);
    return table_json_object(activity_columns, c, ACTIVITY_COLUMNS);
}

json_t *learning_json(const learning_record *r)
{
    cell c[LEARNING_COLUMNS];
    learning_cells(r, c);
    c[2] = cell_text(r->title ? r->title : r->activity_title);
    json_t *o = table_json_object(learning_columns, c, LEARNING_COLUMNS);
    if (o && json_object_set_new(o, "id", json_integer(r->id)) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}


/* The words people type for coded values (DESIGN §4), lower case, each
 * naming one value of one vocabulary. Exports always write the codes. */
static const struct code_alias {
    const vocab *v;
    int value;
    const char *word;
} code_alias_table[] = {
    {&vocab_gender, GENDER_F, "v"}, {&vocab_gender, GENDER_F, "vrouw"},
    {&vocab_gender, GENDER_F, "femme"},
    {&vocab_gender, GENDER_M, "man"}, {&vocab_gender, GENDER_M, "h"},
    {&vocab_gender, GENDER_M, "homme"},
    {&vocab_category, CATEGORY_BLUE_COLLAR, "arbeider"},
    {&vocab_category, CATEGORY_BLUE_COLLAR, "ouvrier"},
    {&vocab_category, CATEGORY_WHITE_COLLAR, "bediende"},
    {&vocab_category, CATEGORY_WHITE_COLLAR, "employ\xc3\xa9"},
    {&vocab_contract, CONTRACT_PERMANENT, "vast"},
    {&vocab_contract, CONTRACT_PERMANENT, "onbepaalde duur"},
    {&vocab_contract, CONTRACT_PERMANENT, "cdi"},
    {&vocab_contract, CONTRACT_FIXED_TERM, "bepaalde duur"},
    {&vocab_contract, CONTRACT_FIXED_TERM, "tijdelijk"},
    {&vocab_contract, CONTRACT_FIXED_TERM, "cdd"},
    {&vocab_contract, CONTRACT_STUDENT, "jobstudent"},
    {&vocab_contract, CONTRACT_STUDENT, "\xc3\xa9tudiant"},
    {&vocab_contract, CONTRACT_TRAINEE, "stagiair"},
    {&vocab_contract, CONTRACT_TRAINEE, "stagiaire"},
    {&vocab_education, EDUCATION_LOW, "laag"}, {&vocab_education, EDUCATION_LOW, "bas"},
    {&vocab_education, EDUCATION_MEDIUM, "midden"}, {&vocab_education, EDUCATION_MEDIUM, "moyen"},
    {&vocab_education, EDUCATION_HIGH, "hoog"},
    {&vocab_education, EDUCATION_HIGH, "\xc3\xa9lev\xc3\xa9"},
    {&vocab_answer, ANSWER_YES, "ja"}, {&vocab_answer, ANSWER_YES, "oui"},
    {&vocab_answer, ANSWER_NO, "nee"}, {&vocab_answer, ANSWER_NO, "neen"},
    {&vocab_answer, ANSWER_NO, "non"},
    {&vocab_answer, ANSWER_UNKNOWN, "onbekend"}, {&vocab_answer, ANSWER_UNKNOWN, "inconnu"},
    {&vocab_yesno, 0, "ja"}, {&vocab_yesno, 0, "oui"},
    {&vocab_yesno, 1, "nee"}, {&vocab_yesno, 1, "neen"}, {&vocab_yesno, 1, "non"},
    {&vocab_shift, SHIFT_DAY, "dag"}, {&vocab_shift, SHIFT_DAY, "jour"},
    {&vocab_shift, SHIFT_NIGHT, "nacht"}, {&vocab_shift, SHIFT_NIGHT, "nuit"},
    {&vocab_shift, SHIFT_ROTATING, "wisselend"}, {&vocab_shift, SHIFT_ROTATING, "ploegen"},
    {&vocab_shift, SHIFT_ROTATING, "alternant"},
    /* The French labels the pages show, and the feminine forms people type
     * (what a page shows imports back). */
    {&vocab_contract, CONTRACT_PERMANENT, "dur\xc3\xa9" "e ind\xc3\xa9termin\xc3\xa9" "e"},
    {&vocab_contract, CONTRACT_FIXED_TERM, "dur\xc3\xa9" "e d\xc3\xa9termin\xc3\xa9" "e"},
    {&vocab_contract, CONTRACT_STUDENT, "\xc3\xa9tudiante"},
    {&vocab_category, CATEGORY_BLUE_COLLAR, "ouvri\xc3\xa8re"},
    {&vocab_category, CATEGORY_WHITE_COLLAR, "employ\xc3\xa9" "e"},
    {&vocab_education, EDUCATION_LOW, "faible"},
    {&vocab_shift, SHIFT_ROTATING, "\xc3\xa9quipes"},
    {&vocab_result, RESULT_COMPLETED, "geslaagd"},
    {&vocab_result, RESULT_COMPLETED, "r\xc3\xa9ussi"},
    {&vocab_result, RESULT_COMPLETED, "r\xc3\xa9ussie"},
    /* Beyond DESIGN §4's list: the learning record's words as the pages show
     * them in Dutch and French (core/labels), so that what a person copies
     * from a page imports, and the usual other forms of those words. */
    {&vocab_type, TYPE_FORMAL, "formeel"}, {&vocab_type, TYPE_FORMAL, "formel"},
    {&vocab_type, TYPE_FORMAL, "formelle"},
    {&vocab_type, TYPE_INFORMAL, "informeel"}, {&vocab_type, TYPE_INFORMAL, "informel"},
    {&vocab_type, TYPE_INFORMAL, "informelle"},
    {&vocab_type, TYPE_INITIAL, "initieel"}, {&vocab_type, TYPE_INITIAL, "initiale"},
    {&vocab_result, RESULT_COMPLETED, "voltooid"}, {&vocab_result, RESULT_COMPLETED, "afgerond"},
    {&vocab_result, RESULT_COMPLETED, "termin\xc3\xa9"},
    {&vocab_result, RESULT_COMPLETED, "termin\xc3\xa9" "e"},
    {&vocab_result, RESULT_FAILED, "niet geslaagd"}, {&vocab_result, RESULT_FAILED, "mislukt"},
    {&vocab_result, RESULT_FAILED, "non r\xc3\xa9ussi"},
    {&vocab_result, RESULT_FAILED, "non r\xc3\xa9ussie"},
    {&vocab_result, RESULT_FAILED, "\xc3\xa9" "chou\xc3\xa9"},
    {&vocab_result, RESULT_ONGOING, "lopend"}, {&vocab_result, RESULT_ONGOING, "bezig"},
    {&vocab_result, RESULT_ONGOING, "en cours"},
    {&vocab_form, 0, "klassikaal"}, {&vocab_form, 0, "en salle"},
    {&vocab_form, 1, "e-learning"},
    {&vocab_form, 2, "opleiding op de werkvloer"}, {&vocab_form, 2, "formation sur le tas"},
    {&vocab_form, 3, "werkplekinstructie"},
    {&vocab_form, 3, "instruction au poste de travail"},
    {&vocab_form, 5, "peterschap"}, {&vocab_form, 5, "meterschap"},
    {&vocab_form, 5, "parrainage"},
    {&vocab_form, 6, "jobrotatie"}, {&vocab_form, 6, "rotation des postes"},
    {&vocab_form, 7, "community of practice"},
    {&vocab_form, 7, "communaut\xc3\xa9 de pratique"},
    {&vocab_form, 8, "lerend netwerk"}, {&vocab_form, 8, "r\xc3\xa9seau apprenant"},
    {&vocab_form, 9, "intervisie"},
    {&vocab_form, 10, "congres of beurs"}, {&vocab_form, 10, "congres"},
    {&vocab_form, 10, "beurs"}, {&vocab_form, 10, "congr\xc3\xa8s ou salon"},
    {&vocab_form, 10, "congr\xc3\xa8s"}, {&vocab_form, 10, "salon"},
    {&vocab_form, 11, "zelfstudie"}, {&vocab_form, 11, "autoformation"},
    {&vocab_form, 12, "andere"}, {&vocab_form, 12, "autre"},
    /* Competences and assessments (issue 11). */
    {&vocab_competence_kind, KIND_TECHNICAL, "technisch"},
    {&vocab_competence_kind, KIND_TECHNICAL, "technique"},
    {&vocab_competence_kind, KIND_GENERIC, "generiek"},
    {&vocab_competence_kind, KIND_GENERIC, "algemeen"},
    {&vocab_competence_kind, KIND_GENERIC, "g\xc3\xa9n\xc3\xa9rique"},
    {&vocab_competence_kind, KIND_GENERIC, "transversal"},
    {&vocab_competence_kind, KIND_ATTITUDE, "houding"},
    {&vocab_assessment_source, SOURCE_APPRAISAL, "beoordeling"},
    {&vocab_assessment_source, SOURCE_APPRAISAL, "functioneringsgesprek"},
    {&vocab_assessment_source, SOURCE_APPRAISAL, "\xc3\xa9valuation"},
    {&vocab_assessment_source, SOURCE_SELF, "zelf"},
    {&vocab_assessment_source, SOURCE_SELF, "zelfevaluatie"},
    {&vocab_assessment_source, SOURCE_SELF, "auto-\xc3\xa9valuation"},
    {&vocab_assessment_source, SOURCE_OBSERVATION, "observatie"},
    {&vocab_assessment_source, SOURCE_TEST, "proef"},
};

/* Lower-cases the N bytes at S into OUT (CAP bytes): ASCII letters and the
 * accented capitals of Latin-1 (U+00C0..U+00DE, two bytes in UTF-8), which
 * is every capital the words above can have. The length, or 0 when it does
 * not fit (no code is that long). */
static size_t fold_case(const char *s, size_t n, char *out, size_t cap)
{
    if (n >= cap)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        else if (i > 0 && (unsigned char)s[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
            c = (unsigned char)(c + 0x20);
        out[i] = (char)c;
    }
    return n;
}

/* The Latin-1 letter that BASE followed by the combining mark U+0300+MARK
 * stands for (e + U+0301 is U+00E9), or 0 when there is none. */
static unsigned compose_latin1(unsigned char base, unsigned mark)
{
    static const struct { unsigned mark; const char *bases; unsigned char first[12]; } marks[] = {
        {0x00, "AEIOUaeiou", {0xC0, 0xC8, 0xCC, 0xD2, 0xD9, 0xE0, 0xE8, 0xEC, 0xF2, 0xF9}},
        {0x01, "AEIOUYaeiouy",
         {0xC1, 0xC9, 0xCD, 0xD3, 0xDA, 0xDD, 0xE1, 0xE9, 0xED, 0xF3, 0xFA, 0xFD}},
        {0x02, "AEIOUaeiou", {0xC2, 0xCA, 0xCE, 0xD4, 0xDB, 0xE2, 0xEA, 0xEE, 0xF4, 0xFB}},
        {0x03, "ANOano", {0xC3, 0xD1, 0xD5, 0xE3, 0xF1, 0xF5}},
        {0x08, "AEIOUaeiouy", {0xC4, 0xCB, 0xCF, 0xD6, 0xDC, 0xE4, 0xEB, 0xEF, 0xF6, 0xFC, 0xFF}},
        {0x27, "Cc", {0xC7, 0xE7}},
    };
    for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
        const char *at = marks[m].mark == mark && base ? strchr(marks[m].bases, base) : NULL;
        if (at)
            return marks[m].first[at - marks[m].bases];
    }
    return 0;
}

/* Copies the N bytes at S into OUT (CAP bytes) with a letter followed by a
 * combining accent (the decomposed form macOS writes: "employe" + U+0301)
 * made the one precomposed letter people mean ("employé"). The length, or 0
 * when it does not fit. */
static size_t compose(const char *s, size_t n, char *out, size_t cap)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned letter = 0;
        if (i + 2 < n && (unsigned char)s[i + 1] == 0xCC && (unsigned char)s[i + 2] >= 0x80 &&
            (unsigned char)s[i + 2] <= 0xAF)
            letter = compose_latin1(c, (unsigned char)s[i + 2] - 0x80u);
        if (len + 2 >= cap)
            return 0;
        if (letter) {
            out[len++] = (char)0xC3;
            out[len++] = (char)(0x80 | (letter & 0x3F));
            i += 2;
        } else {
            out[len++] = (char)c;
        }
    }
    return len;
}

int code_read(const vocab *v, const char *s, size_t n)
{
    char composed[64], folded[64], name[64];
    n = compose(s, n, composed, sizeof composed);
    size_t len = n ? fold_case(composed, n, folded, sizeof folded) : 0;
    if (len == 0)
        return -1;
    for (int i = 0; i < v->count; i++) {
        const char *code = vocab_name(v, i);
        if (fold_case(code, strlen(code), name, sizeof name) == len &&
            memcmp(name, folded, len) == 0)
            return i;
    }
    for (size_t k = 0; k < sizeof code_alias_table / sizeof code_alias_table[0]; k++) {
        const struct code_alias *x = &code_alias_table[k];
        if (x->v == v && strlen(x->word) == len && memcmp(x->word, folded, len) == 0)
            return x->value;
    }
    return -1;
}

const char *code_aliases(const vocab *v, int i)
{
    /* Built once per value; the vocabularies are few and fixed. */
    static _Thread_local struct { const vocab *v; int i; char text[128]; } memo[64];
    for (size_t m = 0; m < sizeof memo / sizeof memo[0]; m++) {
        if (memo[m].v == v && memo[m].i == i)
            return memo[m].text;
        if (memo[m].v)
            continue;
        size_t len = 0;
        for (size_t k = 0; k < sizeof code_alias_table / sizeof code_alias_table[0]; k++) {
            const struct code_alias *x = &code_alias_table[k];
            size_t wn = strlen(x->word);
            if (x->v != v || x->value != i || len + wn + 3 > sizeof memo[m].text)
                continue;
            if (len) {
                memcpy(memo[m].text + len, ", ", 2);
                len += 2;
            }
            memcpy(memo[m].text + len, x->word, wn);
            len += wn;
        }
        memo[m].text[len] = '\0';
        memo[m].v = v;
        memo[m].i = i;
        return memo[m].text;
    }
    return "";
}

const char *date_expected(date_status st)
{
    switch (st) {
    case DATE_READ_SHORT_YEAR:
        return _("a year of four digits (5/03/1979, not 5/03/79)");
    case DATE_READ_NO_SUCH_DAY:
        return _("a day that exists in that month");
    default:
        return _("a date as D/MM/YYYY (also with '-' or '.') or YYYY-MM-DD");
    }
}
