/* labels.c - see labels.h. Most vocabularies are their own message ids (the
 * code is the msgid and po/LANG.po hold its label); the codes that are not words
 * get a label of their own here. */
#include "core/labels.h"
#include "core/certifications.h"
#include "core/formats.h"
#include "core/onboarding.h"
#include "core/plan.h"
#include "core/rules.h"
#include "core/sessions.h"
#include "util/i18n.h"
#include <string.h>

static const char *const origin_names[] = {"belgium", "abroad", "unknown"};
static const char *const flag_names[] = {"under", "over"};
static const char *const overall_names[] = {"overall"};
static const char *const total_names[] = {"total"};
const vocab vocab_origin = {origin_names, 3};
const vocab vocab_flag = {flag_names, 2};
const vocab vocab_overall = {overall_names, 1};
static const vocab vocab_total = {total_names, 1}; /* its own message id */
static const vocab vocab_dimension = {dimension_names, DIM_COUNT};
/* The onboarding report's counts (rule 7); its issues are the last three,
 * the codes of onboarding_issue_names. */
static const char *const onboarding_count_names[] = {"newcomers", "with_mentor", "no_mentor",
                                                     "late", "inexperienced"};
const vocab vocab_onboarding_count = {onboarding_count_names, 5};

static const char *const gender_labels[] = {N_("woman"), N_("man"), N_("gender X")};
static const char *const origin_labels[] = {N_("born in Belgium"), N_("born abroad"),
                                            N_("unknown")};
static const char *const flag_labels[] = {N_("below average"), N_("above average")};
static const char *const overall_labels[] = {N_("everyone")};
static const char *const enrol_state_labels[] = {
    N_("requested"), N_("approved"), N_("declined"), N_("enrolled"), N_("on the waiting list"),
    N_("attended"), N_("partly attended"), N_("did not come"), N_("cancelled")};
static const char *const onboarding_count_labels[] = {
    N_("newcomers"), N_("with a mentor"), N_("no mentor"), N_("mentor assigned late"),
    N_("mentor with too little service")};
static const char *const attendance_labels[] = {N_("present"), N_("partly present"),
                                                N_("absent")};

/* The vocabularies whose codes are not their labels, with their labels in
 * the vocabulary's order. */
static const struct {
    const vocab *v;
    const char *const *labels;
} own_labels[] = {
    {&vocab_gender, gender_labels},
    {&vocab_origin, origin_labels},
    {&vocab_flag, flag_labels},
    {&vocab_overall, overall_labels},
    {&vocab_enrol_state, enrol_state_labels},
    {&vocab_attendance, attendance_labels},
    {&vocab_onboarding_count, onboarding_count_labels},
};

const vocab *const labelled_vocabularies[] = {
    &vocab_overall, &vocab_total, &vocab_flag, &vocab_origin, &vocab_gender, &vocab_category,
    &vocab_contract, &vocab_education, &vocab_answer, &vocab_shift, &vocab_type,
    &vocab_form, &vocab_result, &vocab_yesno, &vocab_role, &vocab_plan_state,
    &vocab_plan_body, &vocab_plan_advice, &vocab_attention, &vocab_dimension,
    &vocab_cert_status, &vocab_enrol_state, &vocab_attendance, &vocab_onboarding_count, NULL};

const char *code_label(const vocab *v, int i)
{
    if (i < 0 || i >= v->count)
        return "";
    for (size_t k = 0; k < sizeof own_labels / sizeof *own_labels; k++)
        if (own_labels[k].v == v)
            return own_labels[k].labels[i];
    return v->names[i];
}

const char *code_label_of(const vocab *v, const char *code)
{
    int i = vocab_find(v, code, strlen(code));
    return i >= 0 ? code_label(v, i) : code;
}

const char *code_label_any(const char *code, size_t n)
{
    for (size_t k = 0; labelled_vocabularies[k]; k++) {
        int i = vocab_find(labelled_vocabularies[k], code, n);
        if (i >= 0)
            return code_label(labelled_vocabularies[k], i);
    }
    return NULL;
}

bool dimension_groups_are_codes(int dim)
{
    return dim != DIM_DEPARTMENT && dim != DIM_FUNCTION && dim != DIM_AGE;
}

bool code_labels_text(str *out, const char *text)
{
    for (const char *p = text;;) {
        /* a combined group "F + X", or a list of codes "no_mentor|late" */
        const char *plus = strstr(p, " + "), *bar = strchr(p, '|');
        const char *end = bar && (!plus || bar < plus) ? bar : plus;
        size_t n = end ? (size_t)(end - p) : strlen(p);
        const char *label = code_label_any(p, n);
        if (label)
            str_puts(out, _(label));
        else
            str_append(out, p, n);
        if (!end)
            break;
        str_puts(out, end == bar ? ", " : " + ");
        p = end + (end == bar ? 1 : 3);
    }
    return str_ok(out);
}

bool vocab_expected(const vocab *v, bool in_file, str *out)
{
    if (in_file && strcmp(i18n_lang(), "en") == 0)
        return str_printf(out, _("one of %s"), vocab_list(v));
    str words = STR_INIT;
    for (int k = 0; k < v->count; k++) { /* "yes or no", "a, b or c" */
        const char *label = _(code_label(v, k));
        if (in_file && code_read(v, label, strlen(label)) != k)
            label = vocab_name(v, k); /* a label the import does not read */
        str_printf(&words, "%s%s", k == 0 ? "" : k == v->count - 1 ? _(" or ") : ", ", label);
    }
    if (in_file)
        str_printf(&words, " (%s)", vocab_list(v));
    bool ok = str_ok(&words) && str_printf(out, _("one of %s"), str_cstr(&words));
    str_free(&words);
    return ok;
}

const char *dimension_label(int dim)
{
    static const char *const labels[DIM_COUNT] = {
        N_("Gender"), N_("Age"), N_("Education"), N_("Category"), N_("Contract"),
        N_("Department"), N_("Function"), N_("Origin"), N_("Disability")};
    return dim >= 0 && dim < DIM_COUNT ? _(labels[dim]) : "";
}

const char *role_label(int role)
{
    return code_label_of(&vocab_role, role_name(role));
}
