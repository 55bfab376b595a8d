/* reports.c (app) - see reports.h. */
#include "app/reports.h"
#include "core/policy.h"
#include "store/data.h"
#include "store/facts.h"
#include "util/i18n.h"
#include "util/map.h"
#include <jansson.h>
#include <string.h>

const char *const report_kind_names[REPORT_KINDS] = {"social-balance", "training-right",
                                                     "participation"};

int report_kind_find(const char *name)
{
    for (int i = 0; i < REPORT_KINDS; i++)
        if (strcmp(report_kind_names[i], name) == 0)
            return i;
    return -1;
}

/* Who may see which lines of the training right. */
typedef struct scope {
    int role;
    int64_t self;
    map team; /* employee_id of the manager's direct and indirect reports */
} scope;

static bool in_scope(void *ctx, const employee *e)
{
    scope *s = ctx;
    if (s->role == ROLE_ADMIN)
        return true;
    if (e->id == s->self)
        return true;
    int64_t dummy;
    return s->role == ROLE_MANAGER && map_get(&s->team, e->employee_id, strlen(e->employee_id),
                                              &dummy);
}

static int load_team(store *db, arena *a, int64_t manager, map *team)
{
    employee_query q = {0};
    q.team_of = manager > 0 ? manager : -1;
    employee *list;
    size_t n, total;
    if (employees_list(db, a, &q, &list, &n, &total) != STORE_OK)
        return STORE_ERROR;
    for (size_t i = 0; i < n; i++)
        if (!map_put(team, list[i].employee_id, strlen(list[i].employee_id), 1))
            return STORE_ERROR;
    return STORE_OK;
}

static int build_training_right(store *db, arena *a, const report_query *q,
                                const rule_settings *s, report_output *out, str *err)
{
    facts f;
    if (facts_load_right(db, a, right_first_year(q->year), q->year, false, &f) != STORE_OK) {
        str_puts(err, store_error(db));
        return REPORT_FAILED;
    }
    right_line *lines = arena_alloc(a, (f.npeople + 1) * sizeof *lines);
    right_report r;
    if (!lines || !training_right(&f, s, q->year, lines, &r)) {
        str_puts(err, "out of memory");
        return REPORT_FAILED;
    }
    scope sc = {q->role, q->employee_row, MAP_INIT};
    int rc = REPORT_OK;
    if (q->role == ROLE_MANAGER && load_team(db, a, q->employee_row, &sc.team) != STORE_OK) {
        str_puts(err, store_error(db));
        rc = REPORT_FAILED;
    }
    /* Representatives see the totals only; others their own share. */
    if (rc == REPORT_OK && q->role != ROLE_ADMIN && q->role != ROLE_REPRESENTATIVE)
        right_report_keep(&r, &f, in_scope, &sc);
    bool lines_visible = q->role != ROLE_REPRESENTATIVE;
    if (rc == REPORT_OK && (q->want & REPORT_JSON))
        training_right_json(&r, &f, s, lines_visible, &out->json, q->pretty);
    if (rc == REPORT_OK && (q->want & REPORT_TABLES)) {
        if (!lines_visible)
            r.nlines = 0;
        out->ntables = training_right_table(&r, &f, s, a, &out->tables[0]) ? 1 : 0;
    }
    map_free(&sc.team);
    return rc;
}

int report_build(store *db, arena *a, const report_query *q, report_output *out, str *err)
{
    memset(out, 0, sizeof *out);
    if (q->year < 1990 || q->year > 2199) {
        str_puts(err, _("a year such as 2025 is needed"));
        return REPORT_BAD_REQUEST;
    }
    rule_settings s;
    if (rule_settings_load(db, &s) != STORE_OK) {
        str_puts(err, store_error(db));
        return REPORT_FAILED;
    }
    /* Aggregates are for the admin and the representatives; the training
     * right also for employees and managers, each for their own share. */
    if (q->kind != REPORT_TRAINING_RIGHT && q->role != ROLE_ADMIN &&
        q->role != ROLE_REPRESENTATIVE)
        return REPORT_FORBIDDEN;
    int rc = REPORT_OK;
    if (q->kind == REPORT_TRAINING_RIGHT) {
        rc = build_training_right(db, a, q, &s, out, err);
    } else {
        if (q->kind == REPORT_PARTICIPATION && (q->dimension < 0 || q->dimension >= DIM_COUNT)) {
            str_puts(err, _("a dimension: gender, age, education, category, contract, "
                            "department, function, origin or disability"));
            return REPORT_BAD_REQUEST;
        }
        facts f;
        int loaded = q->kind == REPORT_PARTICIPATION
                         ? facts_load_taken(db, a, q->year, q->dimension, &f)
                         : facts_load_sums(db, a, q->year, DIM_GENDER, true, &f);
        if (loaded != STORE_OK) {
            str_puts(err, store_error(db));
            return REPORT_FAILED;
        }
        if (q->kind == REPORT_SOCIAL_BALANCE) {
            social_balance b;
            social_balance_for(&f, q->year, &b);
            /* Every form (JSON, CSV, Excel, HTML) hides the same: gender X
             * when it is a small group, for all but the admin. */
            bool hide_x = social_balance_x_hidden(&b, q->role == ROLE_ADMIN ? 0 : s.min_group);
            if (q->want & REPORT_JSON)
                social_balance_json_as(&b, 0, hide_x, &out->json, q->pretty);
            if (q->want & REPORT_TABLES)
                out->ntables = social_balance_table(&b, hide_x, a, &out->tables[0]) &&
                                       social_balance_codes_table(&b, a, &out->tables[1])
                                   ? 2 : 0;
        } else {
            int min = q->min_group > 0 ? q->min_group : s.min_group;
            if (q->role != ROLE_ADMIN && min < s.min_group)
                min = s.min_group; /* never below the setting for representatives */
            participation p;
            if (!participation_for(&f, q->year, q->dimension, min, a, &p)) {
                str_puts(err, "out of memory");
                return REPORT_FAILED;
            }
            if (q->want & REPORT_JSON)
                participation_json(&p, &out->json, q->pretty);
            if (q->want & REPORT_TABLES)
                out->ntables = participation_table(&p, a, &out->tables[0]) ? 1 : 0;
        }
    }
    if (rc == REPORT_OK && (((q->want & REPORT_JSON) && (!out->json.len || !str_ok(&out->json))) ||
                            ((q->want & REPORT_TABLES) && out->ntables == 0))) {
        str_free(&out->json);
        str_puts(err, "out of memory");
        return REPORT_FAILED;
    }
    return rc;
}

/* The report's warnings (the JSON's "warnings": lines for the reader, such as
 * people of gender X left out of the National Bank codes) as a one-column
 * table in A; false when there are none. */
static bool warnings_table(const report_output *r, arena *a, report_table *t)
{
    static const char *const columns[] = {"warning", NULL};
    json_t *doc = r->json.len ? json_loadb(r->json.p, r->json.len, 0, NULL) : NULL;
    json_t *list = json_object_get(doc, "warnings");
    size_t n = json_is_array(list) ? json_array_size(list) : 0;
    cell *cells = n ? arena_alloc(a, n * sizeof *cells) : NULL;
    for (size_t i = 0; cells && i < n; i++)
        cells[i] = cell_text(arena_strdup(a, json_string_value(json_array_get(list, i))));
    json_decref(doc);
    *t = (report_table){columns, 1, cells, cells ? n : 0};
    return t->nrows > 0;
}

int report_file_tables(const report_output *r, arena *a, report_table tables[3])
{
    int n = 0;
    for (int i = 0; i < r->ntables && i < 2; i++)
        tables[n++] = r->tables[i];
    if (warnings_table(r, a, &tables[n]))
        n++;
    return n > 0 ? n : -1;
}
