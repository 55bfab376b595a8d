/* certifications.c (app) - see certifications.h. */
#include "app/certifications.h"
#include "core/settings.h"
#include "store/data.h"
#include "store/facts.h"
#include "store/sessions.h"
#include "util/locale_fmt.h"
#include "util/i18n.h"
#include "util/map.h"
#include <stdio.h>
#include <string.h>

int cert_warn_days(store *db, int *out)
{
    str v = STR_INIT;
    int rc = settings_get(db, "warn_days", &v);
    int64_t days = setting_decimal("warn_days", rc == STORE_ROW ? str_cstr(&v) : NULL, 0);
    str_free(&v);
    *out = days >= 0 ? (int)days : 60;
    return rc == STORE_ERROR ? STORE_ERROR : STORE_OK;
}

/* The employee_ids of the manager's direct and indirect reports, in TEAM. */
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

/* Whether line L passes the caller's scope and the filters of Q. */
static bool keep_line(const cert_view *v, const cert_line *l, const cert_query *q, map *team)
{
    const employee *e = &v->f.people[l->person];
    if (q->status >= 0 && l->status != q->status)
        return false;
    if (q->department && strcmp(q->department, e->department) != 0)
        return false;
    if (q->activity && strcmp(q->activity, v->f.acts[l->activity].code) != 0)
        return false;
    if (q->role == ROLE_ADMIN)
        return true;
    if (q->role == ROLE_REPRESENTATIVE)
        return false;
    if (e->id == q->employee_row)
        return true;
    int64_t dummy;
    return q->role == ROLE_MANAGER &&
           map_get(team, e->employee_id, strlen(e->employee_id), &dummy);
}

/* S as jsonw writes a string value (quoted, escaped; NULL: null), into
 * memory from A; NULL when out of memory. */
static const char *json_text(arena *a, const char *s)
{
    str t = STR_INIT;
    jsonw w;
    jw_init(&w, &t, false);
    jw_string(&w, s);
    const char *copy = str_ok(&t) ? arena_strdup(a, str_cstr(&t)) : NULL;
    str_free(&t);
    return copy;
}

/* A date as a JSON value: "YYYY-MM-DD", or null for DATE_NONE; its length. */
static size_t json_date(date_t d, char *buf)
{
    if (d == DATE_NONE) {
        memcpy(buf, "null", 5);
        return 4;
    }
    buf[0] = '"';
    date_format(d, buf + 1);
    buf[DATE_TEXT_SIZE] = '"';
    buf[DATE_TEXT_SIZE + 1] = '\0';
    return DATE_TEXT_SIZE + 1;
}

/* The lines of the report as the elements of its "certifications" array,
 * byte for byte what jsonw writes for them (the objects of depth 3 of
 * cert_json), in one pass of plain copies: over 100,000 employees these are
 * a million objects, and writing them field by field through jsonw took
 * most of the report's time (issue 13: at most 2 x a bare SQL aggregate).
 * The tests compare the whole report with jsonw's, pretty and compact. */
static bool cert_json_lines(const cert_view *v, arena *a, str *out, bool pretty, FILE *stream)
{
    static const char *const pretty_parts[] = {
        "\n    {\n      \"employee_id\": ", ",\n      \"activity_code\": ",
        ",\n      \"status\": ", ",\n      \"achieved\": ", ",\n      \"valid_until\": ",
        "\n    }"};
    static const char *const compact_parts[] = {
        "{\"employee_id\":", ",\"activity_code\":", ",\"status\":", ",\"achieved\":",
        ",\"valid_until\":", "}"};
    const char *const *part = pretty ? pretty_parts : compact_parts;
    size_t plen[6];
    for (int k = 0; k < 6; k++)
        plen[k] = strlen(part[k]);
    const char **codes = arena_alloc(a, (v->f.nacts + 1) * sizeof *codes);
    const char *status[CERT_STATUSES];
    if (!codes)
        return false;
    for (size_t k = 0; k < v->f.nacts; k++)
        if (!(codes[k] = json_text(a, v->f.acts[k].code)))
            return false;
    for (int k = 0; k < CERT_STATUSES; k++)
        if (!(status[k] = json_text(a, cert_status_names[k])))
            return false;
    enum { CHUNK = 1 << 20 }; /* written to STREAM from this size on */
    if (!str_reserve(out, stream ? CHUNK + 1024 : v->r.nlines * (pretty ? 200 : 130)))
        return false;
    size_t person = (size_t)-1;
    const char *who = NULL;
    for (size_t i = 0; i < v->r.nlines; i++) {
        const cert_line *l = &v->r.lines[i];
        if (l->person != person) { /* the lines come per person */
            person = l->person;
            if (!(who = json_text(a, v->f.people[person].employee_id)))
                return false;
        }
        char achieved[DATE_TEXT_SIZE + 2], until[DATE_TEXT_SIZE + 2];
        const char *value[5] = {who, codes[l->activity], status[l->status], achieved, until};
        size_t vlen[5] = {strlen(who), strlen(value[1]), strlen(value[2]),
                          json_date(l->achieved, achieved), json_date(l->valid_until, until)};
        if (i)
            str_putc(out, ',');
        for (int k = 0; k < 5; k++) {
            str_append(out, part[k], plen[k]);
            str_append(out, value[k], vlen[k]);
        }
        str_append(out, part[5], plen[5]);
        if (stream && out->len >= CHUNK) {
            if (!str_ok(out) || fwrite(str_cstr(out), 1, out->len, stream) != out->len)
                return false;
            str_clear(out);
        }
    }
    return str_ok(out);
}

/* The report of DESIGN §4 into OUT. */
static bool cert_json(const cert_view *v, arena *a, str *out, bool pretty, FILE *stream)
{
    jsonw w;
    jw_init(&w, out, pretty);
    jw_object(&w);
    char day[DATE_TEXT_SIZE];
    date_format(v->r.day, day);
    jw_key(&w, "date");
    jw_string(&w, day);
    jw_key(&w, "warn_days");
    jw_int(&w, v->r.warn_days);
    jw_key(&w, "certifications");
    jw_array(&w);
    if (!cert_json_lines(v, a, out, pretty, stream))
        return false;
    /* The array's items were written above, not through W: it closes the
     * array on a line of its own only when it has items. */
    w.has_items[w.depth - 1] = v->r.nlines > 0;
    jw_end(&w);
    jw_key(&w, "totals");
    jw_object(&w);
    for (int k = 0; k < CERT_STATUSES; k++) {
        jw_key(&w, cert_status_names[k]);
        if (v->r.hidden[k])
            jw_null(&w);
        else
            jw_int(&w, v->r.totals[k]);
    }
    jw_end(&w);
    jw_end(&w);
    return jw_finish(&w);
}

int cert_view_build(store *db, arena *a, const cert_query *q, bool want_json, cert_view *v,
                    str *err)
{
    memset(v, 0, sizeof *v);
    int warn_days;
    if (cert_warn_days(db, &warn_days) != STORE_OK ||
        cert_facts_load(db, a, q->day, &v->f) != STORE_OK) {
        str_puts(err, store_error(db));
        return CERT_FAILED;
    }
    if (!certifications_on(v->f.people, v->f.npeople, v->f.acts, v->f.nacts, v->f.recs,
                           v->f.nrecs, q->day, warn_days, a, &v->r)) {
        str_puts(err, "out of memory");
        return CERT_FAILED;
    }
    bool filtered = q->role != ROLE_ADMIN || q->status >= 0 || q->department || q->activity;
    if (filtered) {
        map team = MAP_INIT;
        if (q->role == ROLE_MANAGER && load_team(db, a, q->employee_row, &team) != STORE_OK) {
            map_free(&team);
            str_puts(err, store_error(db));
            return CERT_FAILED;
        }
        rule_settings rs;
        if (q->role == ROLE_REPRESENTATIVE) {
            if (rule_settings_load(db, &rs) != STORE_OK) {
                map_free(&team);
                str_puts(err, store_error(db));
                return CERT_FAILED;
            }
            cert_report_hide_small(&v->r, rs.min_group);
        }
        size_t kept = 0;
        int64_t all[CERT_STATUSES];
        memcpy(all, v->r.totals, sizeof all);
        memset(v->r.totals, 0, sizeof v->r.totals);
        for (size_t i = 0; i < v->r.nlines; i++) {
            if (!keep_line(v, &v->r.lines[i], q, &team))
                continue;
            v->r.lines[kept++] = v->r.lines[i];
            v->r.totals[v->r.lines[i].status]++;
        }
        v->r.nlines = kept;
        map_free(&team);
        /* Representatives see the organisation's totals, no person. */
        if (q->role == ROLE_REPRESENTATIVE)
            memcpy(v->r.totals, all, sizeof all);
    }
    if (want_json && !cert_json(v, a, &v->json, q->pretty, q->stream)) {
        str_free(&v->json);
        str_puts(err, q->stream ? "out of memory, or the output cannot be written"
                                : "out of memory");
        return CERT_FAILED;
    }
    return CERT_OK;
}

bool cert_tables(const cert_view *v, arena *a, report_table *lines, report_table *totals)
{
    static const char *const line_columns[] = {N_("employee_id"), N_("activity_code"),
                                               N_("status"), N_("achieved"), N_("valid_until"),
                                               NULL};
    static const char *const total_columns[] = {N_("status"), N_("count"), NULL};
    *lines = (report_table){line_columns, 5, arena_alloc(a, (v->r.nlines * 5 + 1) * sizeof(cell)),
                            v->r.nlines};
    *totals = (report_table){total_columns, 2, arena_alloc(a, CERT_STATUSES * 2 * sizeof(cell)),
                             CERT_STATUSES};
    if (!lines->cells || !totals->cells)
        return false;
    for (size_t i = 0; i < v->r.nlines; i++) {
        const cert_line *l = &v->r.lines[i];
        cell *c = &lines->cells[i * 5];
        c[0] = cell_text(v->f.people[l->person].employee_id);
        c[1] = cell_text(v->f.acts[l->activity].code);
        c[2] = cell_code(cert_status_names[l->status]);
        c[3] = cell_date(l->achieved);
        c[4] = cell_date(l->valid_until);
    }
    for (int k = 0; k < CERT_STATUSES; k++) {
        totals->cells[k * 2] = cell_code(cert_status_names[k]);
        totals->cells[k * 2 + 1] = v->r.hidden[k] ? cell_empty() : cell_number(v->r.totals[k], 0);
    }
    return true;
}

int cert_unknown_targets(store *db, arena *a, cert_unknown_target **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    activity *acts;
    size_t nacts;
    group_count *functions;
    size_t nfunctions;
    if (activities_list(db, a, &acts, &nacts) != STORE_OK ||
        functions_list(db, a, &functions, &nfunctions) != STORE_OK)
        return STORE_ERROR;
    for (size_t i = 0; i < nacts; i++) {
        const char *p = acts[i].target_functions;
        while (p && *p) {
            const char *bar = strchr(p, '|');
            size_t len = bar ? (size_t)(bar - p) : strlen(p);
            const char *name = arena_strndup(a, p, len);
            if (!name)
                return STORE_ERROR;
            bool known = false;
            for (size_t k = 0; k < nfunctions && !known; k++)
                known = cert_targets_function(name, functions[k].name);
            if (!known && *name) {
                cert_unknown_target *u = arena_push(a, (void **)out, n, &cap, sizeof *u);
                if (!u)
                    return STORE_ERROR;
                *u = (cert_unknown_target){acts[i].code, name};
            }
            p = bar ? bar + 1 : NULL;
        }
    }
    return STORE_OK;
}

/* Queues reminder M as an e-mail to its recipient, in their language, when
 * they have an address (the dashboard shows it either way). The outbox's
 * key keeps one message per recipient, certificate and step. */
static int reminder_mail(store *db, const reminder_message *m, const char *until)
{
    int64_t row = employees_row(db, m->to_employee_id);
    if (row <= 0)
        return row < 0 ? STORE_ERROR : STORE_OK;
    arena a = ARENA_INIT;
    const char *email = NULL, *lang = NULL, *name = NULL;
    int rc = employees_contact(db, &a, row, &email, &lang, &name) == STORE_ROW ? STORE_OK
                                                                             : STORE_ERROR;
    if (rc != STORE_OK || !email) {
        arena_free(&a);
        return rc;
    }
    char saved[8], day[32];
    copy_text(saved, sizeof saved, i18n_lang());
    i18n_set_lang(lang);
    if (!fmt_date(lang, m->valid_until, day, sizeof day))
        copy_text(day, sizeof day, until);
    str subject = STR_INIT, body = STR_INIT, key = STR_INIT;
    str_printf(&subject, _("Certification %s: valid until %s"), m->activity_title, day);
    str_printf(&body, _("Hello %s,"), name);
    str_puts(&body, "\n\n");
    if (m->to_manager)
        str_printf(&body, _("The certification %s of %s is valid until %s. A refresher in time "
                            "keeps them at work."),
                   m->activity_title, m->about_name, day);
    else
        str_printf(&body, _("Your certification %s is valid until %s. Ask your manager or HR "
                            "for a refresher in time."),
                   m->activity_title, day);
    str_puts(&body, "\n");
    str_printf(&key, "certification:%s:%s:%s:%d:%s", m->about_employee_id, m->activity_code,
               until, m->step, m->to_employee_id);
    i18n_set_lang(saved);
    rc = str_ok(&subject) && str_ok(&body) && str_ok(&key)
             ? outbox_add(db, email, lang, str_cstr(&subject), str_cstr(&body), str_cstr(&key))
             : STORE_ERROR;
    str_free(&subject);
    str_free(&body);
    str_free(&key);
    arena_free(&a);
    return rc;
}

int reminder_send(store *db, const reminder_message *m)
{
    char until[DATE_TEXT_SIZE], key[160], after[320];
    date_format(m->valid_until, until);
    snprintf(key, sizeof key, "%s/%s/%d", m->about_employee_id, m->activity_code, m->step);
    int n = snprintf(after, sizeof after, "to %s%s: %s valid until %s", m->to_employee_id,
                     m->to_manager ? " (manager)" : "", m->activity_code, until);
    if (n < 0 || (size_t)n >= sizeof after) /* never cut silently: say less */
        snprintf(after, sizeof after, "to %s", m->to_employee_id);
    int rc = audit_write(db, "groeipad", "remind", "certification", key, NULL, after);
    return rc == STORE_OK ? reminder_mail(db, m, until) : rc;
}

/* Records and sends the reminder of STEP for line L, when not sent yet. */
static int remind(store *db, const cert_view *v, const cert_line *l, int step, date_t day,
                  int *certs, int *messages)
{
    const employee *e = &v->f.people[l->person];
    const activity *x = &v->f.acts[l->activity];
    bool added;
    int rc = cert_reminders_add(db, e->id, x->id, l->achieved, step, l->valid_until, day, &added);
    if (rc != STORE_OK || !added)
        return rc;
    (*certs)++;
    str name = STR_INIT;
    str_printf(&name, "%s %s", e->first_name, e->last_name);
    if (!str_ok(&name)) {
        str_free(&name);
        return STORE_ERROR;
    }
    reminder_message m = {e->employee_id, e->employee_id, str_cstr(&name), x->code, x->title,
                          l->valid_until, step, false};
    rc = reminder_send(db, &m);
    if (rc == STORE_OK)
        (*messages)++;
    if (rc == STORE_OK && e->manager_id) {
        m.to_employee_id = e->manager_id;
        m.to_manager = true;
        rc = reminder_send(db, &m);
        if (rc == STORE_OK)
            (*messages)++;
    }
    str_free(&name);
    return rc;
}

int reminders_send_due(store *db, date_t day, int *certs, int *messages, str *err)
{
    *certs = *messages = 0;
    arena a = ARENA_INIT;
    cert_query q = {day, ROLE_ADMIN, 0, -1, NULL, NULL, false};
    cert_view v;
    if (cert_view_build(db, &a, &q, false, &v, err) != CERT_OK) {
        arena_free(&a);
        return STORE_ERROR;
    }
    int rc = STORE_OK;
    for (size_t i = 0; rc == STORE_OK && i < v.r.nlines; i++) {
        const cert_line *l = &v.r.lines[i];
        int step = cert_reminder_due(l->valid_until, day);
        if (step >= 0)
            rc = remind(db, &v, l, step, day, certs, messages);
    }
    if (rc != STORE_OK)
        str_puts(err, store_error(db));
    arena_free(&a);
    return rc;
}

int reminders_run(store *db, date_t day, int *certs, int *messages, str *err)
{
    int rc = store_begin(db);
    if (rc == STORE_OK)
        rc = reminders_send_due(db, day, certs, messages, err);
    rc = store_end(db, rc);
    if (rc != STORE_OK) {
        if (err->len == 0)
            str_puts(err, store_error(db));
        *certs = *messages = 0;
        return CERT_FAILED;
    }
    return CERT_OK;
}
