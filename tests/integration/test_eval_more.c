/* test_eval_more.c - evaluation results per session and per trainer, and
 * what an evaluation leads to (issue 13): a follow-up judged "not applied",
 * a failed test, or an activity's low results raise, in one click, an open
 * need in the register or a remark for next year's plan; once, audited,
 * only by HR or the person's manager; bad input is refused with its
 * message and changes nothing. Runs on the demo organisation (whose
 * sessions held 40 and 70 days ago carry reactions: demo_certs.c), without
 * a socket. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "store/data.h"
#include "store/evaluation.h"
#include "store/plans.h"

static store *db;

static int setup(void **state)
{
    (void)state;
    db = demo_store(test_path("eval-more.db"));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    return 0;
}

/* Runs METHOD TARGET as LOGIN of the demo (POST: BODY), in English. */
static void as(exchange *x, const char *login, const char *method, const char *target,
               const char *body)
{
    run_as_demo(x, db, login, method, target, body);
}

/* The status of POST TARGET with BODY as LOGIN; its Location in LOCATION
 * (when not NULL, 160 bytes). */
static int post(const char *login, const char *target, const char *body, char *location)
{
    exchange x;
    as(&x, login, "POST", target, body);
    int status = x.resp.status;
    if (location) {
        const char *l = response_get_header(&x.resp, "Location");
        snprintf(location, 160, "%s", l ? l : "");
    }
    exchange_free(&x);
    return status;
}

/* Everything a click may change: needs, remarks and the audit log (but
 * the logins of the test's requests). */
static int64_t written(void)
{
    return store_count(db, "SELECT (SELECT count(*) FROM training_needs) * 1000000 + "
                           "(SELECT count(*) FROM eval_remarks) * 1000 + "
                           "(SELECT count(*) FROM audit_log WHERE action <> 'login')");
}

/* The line of KEY (a code or a label) among G. */
static const eval_reaction_group *group(const eval_reaction_group *g, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(g[i].code, key) == 0 || strcmp(g[i].label, key) == 0)
            return &g[i];
    return NULL;
}

static void test_reaction_per_session_and_trainer(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    date_t today = date_today();
    int first_aid_year = date_year(today - 40), forklift_year = date_year(today - 70);
    eval_reaction_group *g;
    size_t n;
    /* Six people answered three questions, 4 points each but one in three
     * 3: 18 answers, 72 - 6 = 66 points. */
    assert_int_equal(eval_reaction_by(db, &a, first_aid_year, EVAL_BY_SESSION, &g, &n),
                     STORE_OK);
    const eval_reaction_group *s = group(g, n, "EHBO-OPF");
    assert_non_null(s);
    assert_int_equal(s->respondents, 6);
    assert_int_equal(s->answers, 18);
    assert_int_equal(s->score_sum, 66);
    assert_int_equal(s->first_day, today - 40);
    assert_int_equal(eval_reaction_by(db, &a, first_aid_year, EVAL_BY_TRAINER, &g, &n),
                     STORE_OK);
    s = group(g, n, "Rode Kruis Vlaanderen");
    assert_non_null(s);
    assert_int_equal(s->respondents, 6);
    assert_int_equal(s->key, 0); /* an outside trainer */
    /* Three, at 3 points but one in three 2: 9 answers, 24 points; the
     * trainer is an employee (E004). */
    assert_int_equal(eval_reaction_by(db, &a, forklift_year, EVAL_BY_SESSION, &g, &n),
                     STORE_OK);
    s = group(g, n, "HEFTRUCK");
    assert_non_null(s);
    assert_int_equal(s->respondents, 3);
    assert_int_equal(s->score_sum, 24);
    assert_int_equal(eval_reaction_by(db, &a, forklift_year, EVAL_BY_TRAINER, &g, &n),
                     STORE_OK);
    const eval_reaction_group *inside = NULL;
    for (size_t i = 0; i < n; i++)
        if (g[i].key == employees_row(db, "E004"))
            inside = &g[i];
    assert_non_null(inside);
    assert_int_equal(inside->respondents, 3);
    assert_int_equal(inside->answers, 9);

    /* HR sees both tables, every mean (3.7 and 2.7). */
    char target[64];
    snprintf(target, sizeof target, "/evaluation?year=%d", first_aid_year);
    exchange x;
    as(&x, "admin", "GET", target, NULL);
    assert_int_equal(x.resp.status, 200);
    const char *body = exchange_body(&x);
    assert_non_null(strstr(body, "Reaction per session,"));
    assert_non_null(strstr(body, "Reaction per trainer,"));
    assert_non_null(strstr(body, "Rode Kruis Vlaanderen"));
    assert_non_null(strstr(body, "3.7 / 5"));
    exchange_free(&x);
    snprintf(target, sizeof target, "/evaluation?year=%d", forklift_year);
    as(&x, "admin", "GET", target, NULL);
    assert_non_null(strstr(exchange_body(&x), "2.7 / 5"));
    assert_null(strstr(exchange_body(&x), "too few to show"));
    exchange_free(&x);

    /* The works council: sessions of at least min_group answers, no
     * trainer (a person) and no small session's figure. */
    snprintf(target, sizeof target, "/plans/%d/evaluation", forklift_year);
    as(&x, "representative", "GET", target, NULL);
    assert_int_equal(x.resp.status, 200);
    body = exchange_body(&x);
    assert_non_null(strstr(body, "Reaction per session,"));
    assert_null(strstr(body, "Reaction per trainer,"));
    assert_null(strstr(body, "Rode Kruis Vlaanderen"));
    assert_null(strstr(body, "2.7 / 5"));
    const char *row = strstr(body, "(HEFTRUCK)</td>");
    assert_non_null(row);
    const char *end = strstr(row, "</tr>");
    const char *few = strstr(row, "too few to show");
    assert_true(few && end && few < end);
    if (first_aid_year == forklift_year)
        assert_non_null(strstr(body, "3.7 / 5"));
    exchange_free(&x);
    arena_free(&a);
}

/* A record of the manager's team (E001's) whose follow-up was judged "not
 * applied", and one outside it. */
static void judged_records(int64_t *inside, int64_t *outside)
{
    arena a = ARENA_INIT;
    followup *all, *team;
    size_t nall, nteam;
    int64_t manager = employees_row(db, "E001");
    assert_int_equal(followups_not_applied(db, &a, 0, date_today() - 3650, &all, &nall),
                     STORE_OK);
    assert_int_equal(followups_not_applied(db, &a, manager, date_today() - 3650, &team, &nteam),
                     STORE_OK);
    assert_true(nteam > 0 && nall > nteam);
    *inside = team[0].record_id;
    *outside = 0;
    for (size_t i = 0; i < nall && !*outside; i++) {
        bool mine = false;
        for (size_t k = 0; k < nteam; k++)
            mine |= team[k].record_id == all[i].record_id;
        if (!mine)
            *outside = all[i].record_id;
    }
    assert_true(*outside > 0);
    arena_free(&a);
}

static void test_need_from_a_person(void **state)
{
    (void)state;
    int64_t inside, outside;
    judged_records(&inside, &outside);
    char body[96], location[160];
    int64_t before = written();
    int64_t needs = store_count(db, "SELECT count(*) FROM training_needs WHERE source = "
                                    "'evaluation' AND status = 'open'");

    /* Bad input, refused with nothing changed. */
    snprintf(body, sizeof body, "record=%lld&from=followup", (long long)outside);
    assert_int_equal(post("manager", "/evaluation/need", body, NULL), 403);
    assert_int_equal(post("employee", "/evaluation/need", body, NULL), 403);
    assert_int_equal(post("representative", "/evaluation/need", body, NULL), 403);
    snprintf(body, sizeof body, "record=%lld&from=elsewhere", (long long)inside);
    assert_int_equal(post("manager", "/evaluation/need", body, NULL), 422);
    assert_int_equal(post("manager", "/evaluation/need", "record=abc&from=followup", NULL),
                     422);
    assert_int_equal(post("admin", "/evaluation/need", "record=99999999&from=followup", NULL),
                     404);
    /* not a failed test: the follow-up's record passed */
    snprintf(body, sizeof body, "record=%lld&from=test", (long long)inside);
    assert_int_equal(post("manager", "/evaluation/need", body, NULL), 422);
    /* a record whose follow-up was not judged "not applied" */
    int64_t fine = store_count(db, "SELECT min(record_id) FROM followups WHERE applied = 'yes'");
    snprintf(body, sizeof body, "record=%lld&from=followup", (long long)fine);
    assert_int_equal(post("admin", "/evaluation/need", body, NULL), 422);
    assert_int_equal(written(), before);

    /* The manager's click: one open need for that person, audited; the
     * second adds nothing. */
    snprintf(body, sizeof body, "record=%lld&from=followup", (long long)inside);
    assert_int_equal(post("manager", "/evaluation/need", body, location), 303);
    assert_string_equal(location, "/team/followups?raised=need");
    assert_int_equal(store_count(db, "SELECT count(*) FROM training_needs WHERE source = "
                                     "'evaluation' AND status = 'open'"),
                     needs + 1);
    int64_t after = written();
    assert_int_equal(after, before + 1000000 + 1); /* the need and its audit line */
    assert_int_equal(post("admin", "/evaluation/need", body, location), 303);
    assert_string_equal(location, "/team/followups?raised=none");
    assert_int_equal(written(), after);
    exchange x;
    as(&x, "manager", "GET", "/team/followups?raised=none", NULL);
    assert_non_null(strstr(exchange_body(&x), "Judged not applied"));
    assert_non_null(strstr(exchange_body(&x), "nothing was added"));
    exchange_free(&x);

    /* A failed test (the demo's E059 forklift record): from its page. */
    int64_t failed = store_count(db, "SELECT max(r.id) FROM learning_records r JOIN employees e "
                                     "ON e.id = r.employee_id WHERE e.employee_id = 'E059' "
                                     "AND r.result = 'failed'");
    assert_true(failed > 0);
    char target[64];
    snprintf(target, sizeof target, "/learning/%lld/tests", (long long)failed);
    as(&x, "admin", "GET", target, NULL);
    assert_non_null(strstr(exchange_body(&x), "The last attempt failed."));
    assert_non_null(strstr(exchange_body(&x), "Add an open training need"));
    exchange_free(&x);
    snprintf(body, sizeof body, "record=%lld&from=test", (long long)failed);
    assert_int_equal(post("admin", "/evaluation/need", body, location), 303);
    assert_non_null(strstr(location, "raised=need"));
    assert_int_equal(written(), after + 1000000 + 1);
    assert_int_equal(post("admin", "/evaluation/need", body, location), 303);
    assert_non_null(strstr(location, "raised=none"));
    assert_int_equal(written(), after + 1000000 + 1);
}

/* Makes the reaction to the records of plan initiative CODE's activity in
 * YEAR low (1 out of 5 everywhere). */
static void make_low(const char *code, int year)
{
    arena a = ARENA_INIT;
    eval_question *qs;
    size_t nq;
    assert_int_equal(eval_questions_list(db, &a, true, &qs, &nq), STORE_OK);
    int64_t qids[8];
    int ones[8];
    for (size_t k = 0; k < nq && k < 8; k++) {
        qids[k] = qs[k].id;
        ones[k] = 1;
    }
    learning_query q = {0};
    q.year = year;
    learning_record *list;
    size_t n, total;
    assert_int_equal(learning_list(db, &a, &q, &list, &n, &total), STORE_OK);
    assert_int_equal(store_begin(db), STORE_OK);
    size_t made = 0;
    for (size_t i = 0; i < n; i++)
        if (list[i].activity_code && strcmp(list[i].activity_code, code) == 0 &&
            list[i].result == RESULT_COMPLETED) {
            assert_int_equal(eval_reaction_save(db, "test", list[i].id, qids, ones,
                                                nq < 8 ? nq : 8, NULL, date_today()),
                             STORE_OK);
            made++;
        }
    assert_int_equal(store_end(db, STORE_OK), STORE_OK);
    assert_true(made > 0);
    arena_free(&a);
}

/* The code of an activity with completed records in YEAR that is no
 * initiative of YEAR's plan (static memory). */
static const char *other_activity(int year)
{
    static char code[64];
    arena a = ARENA_INIT;
    plan p;
    plan_initiative *items;
    size_t nitems, n, total;
    learning_record *list;
    learning_query q = {0};
    q.year = year;
    assert_int_equal(plans_get(db, &a, year, &p), STORE_ROW);
    assert_int_equal(plans_initiatives(db, &a, p.id, &items, &nitems), STORE_OK);
    assert_int_equal(learning_list(db, &a, &q, &list, &n, &total), STORE_OK);
    code[0] = '\0';
    for (size_t i = 0; i < n && !code[0]; i++) {
        bool planned = false;
        for (size_t k = 0; k < nitems; k++)
            planned |= list[i].activity_code && items[k].activity_code &&
                       strcmp(items[k].activity_code, list[i].activity_code) == 0;
        if (list[i].activity_code && !planned && list[i].result == RESULT_COMPLETED)
            snprintf(code, sizeof code, "%s", list[i].activity_code);
    }
    assert_true(code[0] != '\0');
    arena_free(&a);
    return code;
}

static void test_need_and_remark_from_an_activity(void **state)
{
    (void)state;
    int year = date_year(date_today());
    char body[96], location[160], target[64];
    /* Nothing raised yet: refused, nothing changed. */
    int64_t before = written();
    snprintf(body, sizeof body, "activity=LEIDING&year=%d", year);
    assert_int_equal(post("admin", "/evaluation/remark", body, NULL), 422);
    assert_int_equal(post("admin", "/evaluation/need", body, NULL), 422);
    assert_int_equal(post("admin", "/evaluation/need", "activity=LEIDING&year=abc", NULL), 422);
    assert_int_equal(post("admin", "/evaluation/remark", "year=2026", NULL), 422);
    assert_int_equal(written(), before);

    make_low("LEIDING", year);
    before = written();
    /* Only HR: the manager and the works council are refused. */
    assert_int_equal(post("manager", "/evaluation/need", body, NULL), 403);
    assert_int_equal(post("manager", "/evaluation/remark", body, NULL), 403);
    assert_int_equal(post("representative", "/evaluation/remark", body, NULL), 403);
    assert_int_equal(written(), before);

    snprintf(target, sizeof target, "/evaluation?year=%d", year);
    exchange x;
    as(&x, "admin", "GET", target, NULL);
    const char *page = exchange_body(&x);
    const char *leads = strstr(page, "What the results lead to");
    assert_non_null(leads);
    assert_non_null(strstr(leads, "(LEIDING): mean reaction 1.0 / 5"));
    assert_non_null(strstr(leads, "Remark for next year"));
    exchange_free(&x);

    assert_int_equal(post("admin", "/evaluation/need", body, location), 303);
    assert_non_null(strstr(location, "raised=need"));
    assert_int_equal(written(), before + 1000000 + 1);
    assert_int_equal(post("admin", "/evaluation/need", body, location), 303);
    assert_non_null(strstr(location, "raised=none"));
    assert_int_equal(written(), before + 1000000 + 1);
    assert_int_equal(post("admin", "/evaluation/remark", body, location), 303);
    assert_non_null(strstr(location, "raised=remark"));
    assert_int_equal(written(), before + 1000000 + 1000 + 2);
    assert_int_equal(post("admin", "/evaluation/remark", body, location), 303);
    assert_non_null(strstr(location, "raised=none"));
    assert_int_equal(written(), before + 1000000 + 1000 + 2);
    /* The plan's evaluation shows it for next year. */
    snprintf(target, sizeof target, "/plans/%d/evaluation", year);
    as(&x, "admin", "GET", target, NULL);
    assert_non_null(strstr(exchange_body(&x), "mean reaction 1.0 / 5. Review the content"));
    exchange_free(&x);
    /* An activity that is no initiative of the plan gets no remark. */
    const char *other = other_activity(year);
    make_low(other, year);
    snprintf(body, sizeof body, "activity=%s&year=%d", other, year);
    before = written();
    assert_int_equal(post("admin", "/evaluation/remark", body, NULL), 422);
    assert_int_equal(written(), before);
}

/* LEIDING's line of eval_summary for YEAR (zeros when it has none). */
static eval_activity_summary leading_summary(int year)
{
    arena a = ARENA_INIT;
    eval_activity_summary *list, found = {0};
    size_t n;
    assert_int_equal(eval_summary(db, &a, year, &list, &n), STORE_OK);
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].code, "LEIDING") == 0)
            found = list[i];
    found.code = found.title = NULL;
    arena_free(&a);
    return found;
}

/* A record of LEIDING for WHO on DAY, with a test scored SCORE (of
 * 20, pass mark 12) and a follow-up judged APPLIED; its id. */
static int64_t judged_record(const char *who, date_t day, int64_t score, int applied)
{
    learning_record r = {0};
    r.own_type = -1;
    r.type = TYPE_FORMAL;
    r.start_date = r.end_date = day;
    r.hours = 700;
    r.result = RESULT_COMPLETED;
    int type, attempt;
    int64_t act = activities_row(db, "LEIDING", &type);
    assert_true(act > 0);
    assert_int_equal(store_begin(db), STORE_OK);
    int rc = learning_insert(db, &r, employees_row(db, who), act);
    int64_t id = store_last_id(db);
    learning_test t = {0, day, score, 2000, 1200};
    if (rc == STORE_OK)
        rc = learning_tests_add(db, "admin", id, &t, &attempt);
    if (rc == STORE_OK)
        rc = followups_record(db, "admin", id, applied, NULL, day + 60);
    assert_int_equal(store_end(db, rc), STORE_OK);
    return id;
}

/* Levels 2 and 3 count people: someone who took the activity twice in a
 * year counts once, by the latest of the two (failed then passed, applied
 * then not), so no count exceeds the people trained (the plan's evaluation
 * showed "applied: 10" beside 5 participants, counting records). */
static void test_levels_count_people_once(void **state)
{
    (void)state;
    eval_activity_summary before = leading_summary(2023);
    judged_record("E010", date_from_ymd(2023, 3, 1), 500, APPLIED_YES);
    judged_record("E010", date_from_ymd(2023, 6, 1), 1500, APPLIED_NO);
    judged_record("E011", date_from_ymd(2023, 4, 1), 1400, APPLIED_PARTLY);
    eval_activity_summary after = leading_summary(2023);
    assert_int_equal(after.tested, before.tested + 2);
    assert_int_equal(after.passed, before.passed + 2);
    assert_int_equal(after.followed, before.followed + 2);
    assert_int_equal(after.applied[APPLIED_YES], before.applied[APPLIED_YES]);
    assert_int_equal(after.applied[APPLIED_NO], before.applied[APPLIED_NO] + 1);
    assert_int_equal(after.applied[APPLIED_PARTLY], before.applied[APPLIED_PARTLY] + 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reaction_per_session_and_trainer),
        cmocka_unit_test(test_need_from_a_person),
        cmocka_unit_test(test_need_and_remark_from_an_activity),
        cmocka_unit_test(test_levels_count_people_once),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
