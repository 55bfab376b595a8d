/* onboarding.c (app) - see onboarding.h. */
#include "app/onboarding.h"
#include "store/facts.h"
#include "store/onboarding.h"
#include "util/map.h"
#include <string.h>

/* Who may see which newcomers: a set of employee_ids. */
static bool in_set(void *ctx, const onboarding_person *p)
{
    int64_t dummy;
    return map_get(ctx, p->employee_id, strlen(p->employee_id), &dummy);
}

/* The employee_ids a manager (their direct and indirect reports) or a
 * mentor (the newcomers of their assignments) may see, into SET. */
static int visible_set(store *db, arena *a, const onboarding_query *q,
                       const mentor_assignment *assign, size_t nassign, map *set)
{
    if (q->role == ROLE_MANAGER) {
        employee_query eq = {0};
        eq.team_of = q->employee_row > 0 ? q->employee_row : -1;
        employee *list;
        size_t n, total;
        if (employees_list(db, a, &eq, &list, &n, &total) != STORE_OK)
            return STORE_ERROR;
        for (size_t i = 0; i < n; i++)
            if (!map_put(set, list[i].employee_id, strlen(list[i].employee_id), 1))
                return STORE_ERROR;
        return STORE_OK;
    }
    /* A mentor: the newcomers of their own assignments, whatever their dates. */
    employee self;
    const char *self_id = NULL;
    if (q->employee_row > 0) {
        employee_query eq = {0};
        eq.only = q->employee_row;
        employee *list;
        size_t n, total;
        if (employees_list(db, a, &eq, &list, &n, &total) != STORE_OK)
            return STORE_ERROR;
        if (n == 1) {
            self = list[0];
            self_id = self.employee_id;
        }
    }
    for (size_t i = 0; self_id && i < nassign; i++)
        if (strcmp(assign[i].mentor_id, self_id) == 0 &&
            !map_put(set, assign[i].newcomer_id, strlen(assign[i].newcomer_id), 1))
            return STORE_ERROR;
    return STORE_OK;
}

int onboarding_report_build(store *db, arena *a, const onboarding_query *q, report_output *out,
                            str *err)
{
    memset(out, 0, sizeof *out);
    if (q->role == ROLE_EMPLOYEE || q->role == 0)
        return REPORT_FORBIDDEN;
    onboarding_settings s;
    rule_settings rs;
    onboarding_person *people;
    mentor_assignment *assign;
    size_t npeople, nassign;
    if (onboarding_settings_load(db, &s) != STORE_OK || rule_settings_load(db, &rs) != STORE_OK ||
        onboarding_people(db, a, &people, &npeople) != STORE_OK ||
        mentors_all(db, a, &assign, &nassign) != STORE_OK) {
        str_puts(err, store_error(db));
        return REPORT_FAILED;
    }
    onboarding_report r;
    date_t d = q->date == DATE_NONE ? date_today() : q->date;
    if (!onboarding_report_for(people, npeople, assign, nassign, &s, d, a, &r)) {
        str_puts(err, "out of memory");
        return REPORT_FAILED;
    }
    if (q->role == ROLE_MANAGER || q->role == ROLE_MENTOR) {
        map set = MAP_INIT;
        int rc = visible_set(db, a, q, assign, nassign, &set);
        if (rc == STORE_OK)
            onboarding_report_keep(&r, people, in_set, &set);
        map_free(&set);
        if (rc != STORE_OK) {
            str_puts(err, store_error(db));
            return REPORT_FAILED;
        }
    } else if (q->role == ROLE_REPRESENTATIVE) {
        onboarding_report_aggregate(&r, rs.min_group);
    }
    if ((q->want & REPORT_JSON) && !onboarding_json(&r, people, &out->json, q->pretty)) {
        str_free(&out->json);
        str_puts(err, "out of memory");
        return REPORT_FAILED;
    }
    if (q->want & REPORT_TABLES) {
        if (!onboarding_table(&r, people, a, &out->tables[0]) ||
            !onboarding_totals_table(&r, a, &out->tables[1])) {
            str_free(&out->json);
            str_puts(err, "out of memory");
            return REPORT_FAILED;
        }
        out->ntables = 2;
    }
    return REPORT_OK;
}
