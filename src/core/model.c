/* model.c - the vocabularies of model.h. */
#include "core/model.h"
#include "util/i18n.h"
#include "util/str.h"
#include <string.h>

#define VOCAB(name, ...)                                                       \
    static const char *const name##_names[] = {__VA_ARGS__};                   \
    const vocab name = {name##_names, (int)(sizeof name##_names / sizeof name##_names[0])}

VOCAB(vocab_gender, "F", "M", "X");
VOCAB(vocab_category, N_("blue_collar"), N_("white_collar"));
VOCAB(vocab_contract, N_("permanent"), N_("fixed_term"), N_("student"), N_("trainee"));
VOCAB(vocab_education, N_("low"), N_("medium"), N_("high"));
VOCAB(vocab_answer, N_("yes"), N_("no"), N_("unknown"));
VOCAB(vocab_shift, N_("day"), N_("night"), N_("rotating"));
VOCAB(vocab_type, N_("formal"), N_("informal"), N_("initial"));
VOCAB(vocab_form, N_("classroom"), N_("e_learning"), N_("on_the_job"), N_("workplace_instruction"), N_("coaching"),
      N_("mentoring"), N_("job_rotation"), N_("community_of_practice"), N_("learning_network"), N_("intervision"),
      N_("conference"), N_("self_study"), N_("other"));
VOCAB(vocab_result, N_("completed"), N_("failed"), N_("ongoing"));
VOCAB(vocab_yesno, N_("yes"), N_("no"));
VOCAB(vocab_role, N_("admin"), N_("manager"), N_("employee"), N_("mentor"), N_("representative"));

int vocab_find(const vocab *v, const char *s, size_t n)
{
    for (int i = 0; i < v->count; i++)
        if (strlen(v->names[i]) == n && memcmp(v->names[i], s, n) == 0)
            return i;
    return -1;
}

const char *vocab_name(const vocab *v, int i)
{
    return i >= 0 && i < v->count ? v->names[i] : "";
}

const char *vocab_list(const vocab *v)
{
    /* Built once per vocabulary; the vocabularies are few and fixed. */
    static _Thread_local struct { const vocab *v; char text[256]; } memo[16];
    for (int i = 0; i < 16; i++) {
        if (memo[i].v == v)
            return memo[i].text;
        if (!memo[i].v) {
            str list = STR_INIT;
            for (int k = 0; k < v->count; k++) {
                if (k)
                    str_putc(&list, '|');
                str_puts(&list, v->names[k]);
            }
            /* the vocabularies are ours and short: one that did not fit is
             * a mistake in the code, not a list to cut short */
            bool fits = str_ok(&list) && list.len < sizeof memo[i].text;
            if (fits)
                memcpy(memo[i].text, str_cstr(&list), list.len + 1);
            str_free(&list);
            if (!fits)
                return "";
            memo[i].v = v;
            return memo[i].text;
        }
    }
    return "";
}

int role_from_name(const char *name)
{
    int i = vocab_find(&vocab_role, name, strlen(name));
    return i < 0 ? 0 : 1 << i;
}

const char *role_name(int role)
{
    for (int i = 0; i < vocab_role.count; i++)
        if (role == 1 << i)
            return vocab_role.names[i];
    return "";
}
