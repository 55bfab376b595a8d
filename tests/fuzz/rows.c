/* rows.c - see rows.h. */
#include "rows.h"
#include <stdlib.h>
#include <string.h>
#include "core/onboarding.h"
#include "util/text.h"

/* A value the parser copied: NUL-terminated text, and not empty. */
static void check_text(const char *s, bool required)
{
    if ((required && !s) || (s && !*s))
        abort();
}

/* The promises of one parsed row of KIND. */
static void check_row(import_kind kind, import_log *log, const import_header *h,
                      const csv_reader *r, arena *a)
{
    if (kind == IMPORT_EMPLOYEES) {
        employee e;
        if (!import_parse_employee(log, h, r, a, &e))
            return;
        check_text(e.employee_id, true);
        check_text(e.first_name, true);
        check_text(e.manager_id, false);
        if (e.fte <= 0 || e.fte > 10000 || e.hire_date == DATE_NONE ||
            (e.exit_date != DATE_NONE && e.exit_date < e.hire_date))
            abort();
    } else if (kind == IMPORT_ACTIVITIES) {
        activity x;
        if (!import_parse_activity(log, h, r, a, &x))
            return;
        check_text(x.code, true);
        check_text(x.title, true);
        if (x.type < 0 || x.form < 0 || x.validity_months < 0)
            abort();
    } else if (kind == IMPORT_LEARNING) {
        learning_record lr;
        if (!import_parse_learning(log, h, r, a, &lr))
            return;
        check_text(lr.employee_id, true);
        if (!lr.activity_code && !lr.title)
            abort();
        if (lr.hours <= 0 || lr.cost < 0 || lr.subsidy < 0 || lr.start_date == DATE_NONE ||
            (lr.end_date != DATE_NONE && lr.end_date < lr.start_date))
            abort();
    } else if (kind == IMPORT_COMPETENCES) {
        competence c;
        if (!import_parse_competence(log, h, r, a, &c))
            return;
        check_text(c.code, true);
        if (c.kind < 0)
            abort();
    } else if (kind == IMPORT_PROFILES) {
        profile_line p;
        if (!import_parse_profile(log, h, r, a, &p))
            return;
        if (p.level_now < 0 || p.level_now > 4 || p.level_future < 0 || p.level_future > 4)
            abort();
    } else if (kind == IMPORT_ASSESSMENTS) {
        assessment x;
        if (!import_parse_assessment(log, h, r, a, date_from_ymd(2026, 11, 29), &x))
            return;
        check_text(x.employee_id, true);
        if (x.level < 0 || x.level > 4 || x.assessed_on == DATE_NONE || x.source < 0)
            abort();
    } else if (kind == IMPORT_MENTORS) {
        mentor_assignment m;
        if (!import_parse_mentor(log, h, r, a, &m))
            return;
        check_text(m.newcomer_id, true);
        check_text(m.mentor_id, true);
        if (m.from == DATE_NONE || strcmp(m.newcomer_id, m.mentor_id) == 0 ||
            (m.to != DATE_NONE && m.to < m.from))
            abort();
    } else {
        funding f;
        if (!import_parse_funding(log, h, r, &f))
            return;
        if (f.year < 1990 || f.year > 2199 || f.contributions < 0 || f.subsidies < 0)
            abort();
    }
}

void fuzz_validate_rows(import_kind kind, const char *data, size_t len)
{
    /* Exactly LEN writable bytes, so that reading one past the end is caught. */
    char *buf = malloc(len ? len : 1);
    if (!buf)
        return;
    memcpy(buf, data, len);
    char *converted = NULL;
    if (!utf8_valid(buf, len)) {
        converted = cp1252_to_utf8(buf, len, &len);
        if (!converted || !utf8_valid(converted, len))
            abort();
    }
    arena a = ARENA_INIT;
    import_log log;
    import_log_init(&log, &a);
    log.file = "fuzz";
    csv_reader r;
    csv_open(&r, converted ? converted : buf, len);
    import_header h;
    if (import_read_header(&log, &r, kind, &h))
        while (csv_next(&r) > 0)
            check_row(kind, &log, &h, &r, &a);
    if (log.nrows > IMPORT_MAX_ROWS || log.kept > log.total)
        abort();
    for (size_t i = 0; i < log.kept; i++)
        if (!log.problems[i].expected || log.problems[i].line < 1)
            abort();
    csv_close(&r);
    arena_free(&a);
    free(converted);
    free(buf);
}
