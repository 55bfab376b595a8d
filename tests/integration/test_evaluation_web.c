/* test_evaluation_web.c - the four levels through the pages, as each role
 * uses them: bad input gets its message and changes nothing; what is saved
 * shows where it should. Runs on the demo organisation, without a socket. */
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

static store *db;

static int setup(void **state)
{
    (void)state;
    db = demo_store(test_path("evaluation-web.db"));
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

static int64_t count(const char *sql)
{
    return store_count(db, sql);
}

static void test_participant_answers(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    eval_pending *list;
    size_t n;
    date_t today = date_today();
    int64_t me = employees_row(db, "E010");
    assert_int_equal(eval_reactions_pending(db, &a, me, today - 120, today, &list, &n), STORE_OK);
    assert_true(n > 0);
    eval_question *qs;
    size_t nq;
    assert_int_equal(eval_questions_list(db, &a, true, &qs, &nq), STORE_OK);
    assert_int_equal(nq, 3);
    char target[64], body[256];
    snprintf(target, sizeof target, "/my/evaluations/%lld", (long long)list[0].record_id);
    int64_t before = count("SELECT count(*) FROM eval_answers");
    exchange x;
    /* A score off the scale: refused, nothing kept. */
    snprintf(body, sizeof body, "q%lld=6&q%lld=3&q%lld=3", (long long)qs[0].id,
             (long long)qs[1].id, (long long)qs[2].id);
    as(&x, "employee", "POST", target, body);
    assert_int_equal(x.resp.status, 422);
    assert_non_null(strstr(exchange_body(&x), "from 1 to 5"));
    exchange_free(&x);
    assert_int_equal(count("SELECT count(*) FROM eval_answers"), before);
    /* Someone else's record: not found. */
    as(&x, "mentor", "POST", target, body);
    assert_int_equal(x.resp.status, 404);
    exchange_free(&x);
    snprintf(body, sizeof body, "q%lld=4&q%lld=5&q%lld=3&comment=Goed", (long long)qs[0].id,
             (long long)qs[1].id, (long long)qs[2].id);
    as(&x, "employee", "POST", target, body);
    assert_int_equal(x.resp.status, 303);
    assert_string_equal(response_get_header(&x.resp, "Location"), "/my/evaluations?saved=1");
    exchange_free(&x);
    as(&x, "employee", "GET", "/my/evaluations?saved=1", NULL);
    assert_non_null(strstr(exchange_body(&x), "class=\"notice\" role=\"status\""));
    exchange_free(&x);
    /* the question about the trainer only where there was one */
    int trainer = eval_record_has_trainer(db, list[0].record_id);
    assert_true(trainer >= 0);
    assert_int_equal(count("SELECT count(*) FROM eval_answers"), before + (trainer ? 3 : 2));
    assert_int_equal(eval_reactions_pending(db, &a, me, today - 120, today, &list, &n), STORE_OK);
    for (size_t i = 0; i < n; i++)
        assert_false(strcmp(target + strlen("/my/evaluations/"), "") == 0 &&
                     list[i].record_id == atoll(target + strlen("/my/evaluations/")));
    arena_free(&a);
}

/* A record of E010 (the manager's team) to test on; its id. */
static int64_t team_record(date_t start)
{
    learning_record r = {0};
    r.own_type = -1;
    r.type = TYPE_FORMAL;
    r.start_date = r.end_date = start;
    r.hours = 400;
    r.result = RESULT_COMPLETED;
    int type;
    int64_t act = activities_row(db, "HACCP", &type);
    assert_true(act > 0);
    assert_int_equal(learning_insert(db, &r, employees_row(db, "E010"), act), STORE_OK);
    return store_last_id(db);
}

static void test_test_attempts(void **state)
{
    (void)state;
    int64_t id = team_record(date_today() - 10);
    char target[64];
    snprintf(target, sizeof target, "/learning/%lld/tests", (long long)id);
    exchange x;
    int64_t before = count("SELECT count(*) FROM learning_tests");
    const char *bad[] = {"taken_on=2026-01-05&score=21&max_score=20&pass_mark=12",
                         "taken_on=2026-01-05&score=15&max_score=20&pass_mark=25",
                         "taken_on=2026-01-05&score=1&max_score=0&pass_mark=0",
                         "taken_on=31/02/2026&score=15&max_score=20&pass_mark=12",
                         "taken_on=2026-01-05&score=abc&max_score=20&pass_mark=12"};
    const char *says[] = {"score must lie between", "pass mark must lie", "above 0",
                          "day of the test", "numbers such as"};
    for (int k = 0; k < 5; k++) {
        as(&x, "manager", "POST", target, bad[k]);
        assert_int_equal(x.resp.status, 422);
        assert_non_null(strstr(exchange_body(&x), says[k]));
        exchange_free(&x);
    }
    assert_int_equal(count("SELECT count(*) FROM learning_tests"), before);
    /* Failed, then passed at the retake: the record follows the last. */
    as(&x, "manager", "POST", target, "taken_on=2026-01-05&score=9,5&max_score=20&pass_mark=12");
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    arena a = ARENA_INIT;
    learning_record r;
    int64_t row;
    assert_int_equal(learning_get(db, &a, id, &r, &row), STORE_ROW);
    assert_int_equal(r.result, RESULT_FAILED);
    as(&x, "manager", "POST", target, "taken_on=2026-01-19&score=12&max_score=20&pass_mark=12");
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    assert_int_equal(learning_get(db, &a, id, &r, &row), STORE_ROW);
    assert_int_equal(r.result, RESULT_COMPLETED);
    learning_test *t;
    size_t n;
    assert_int_equal(learning_tests_of(db, &a, id, &t, &n), STORE_OK);
    assert_int_equal(n, 2);
    assert_int_equal(t[1].attempt, 2);
    assert_int_equal(t[0].score, 950);
    as(&x, "manager", "GET", target, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "9.50"));
    exchange_free(&x);
    /* An employee may not. */
    as(&x, "employee", "GET", target, NULL);
    assert_int_equal(x.resp.status, 403);
    exchange_free(&x);
    arena_free(&a);
}

static void test_followups(void **state)
{
    (void)state;
    exchange x;
    int64_t future = team_record(date_today() + 5);
    char target[64];
    snprintf(target, sizeof target, "/followups/%lld", (long long)future);
    as(&x, "manager", "POST", target, "applied=yes&how=x");
    assert_int_equal(x.resp.status, 422);
    assert_non_null(strstr(exchange_body(&x), "once the training has ended"));
    exchange_free(&x);
    assert_int_equal(count("SELECT count(*) FROM followups WHERE applied IS NOT NULL AND "
                           "record_id NOT IN (SELECT record_id FROM followups WHERE "
                           "how = 'Besproken tijdens het teamoverleg.')"),
                     0);
    /* A training that ended 9 weeks ago is an open task for the manager. */
    int64_t due = team_record(date_today() - 63);
    as(&x, "manager", "GET", "/team/followups", NULL);
    assert_int_equal(x.resp.status, 200);
    char action[64];
    snprintf(action, sizeof action, "/followups/%lld\"", (long long)due);
    assert_non_null(strstr(exchange_body(&x), action));
    exchange_free(&x);
    snprintf(target, sizeof target, "/followups/%lld", (long long)due);
    as(&x, "manager", "POST", target, "applied=maybe");
    assert_int_equal(x.resp.status, 422);
    exchange_free(&x);
    as(&x, "manager", "POST", target, "applied=partly&how=Nog+niet+op+de+nachtploeg");
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    as(&x, "manager", "GET", "/team/followups", NULL);
    assert_null(strstr(exchange_body(&x), action));
    exchange_free(&x);
    as(&x, "employee", "GET", "/team/followups", NULL);
    assert_int_equal(x.resp.status, 403);
    exchange_free(&x);
}

static void test_plan_levels(void **state)
{
    (void)state;
    int year = date_year(date_today());
    char page[64], post[64];
    snprintf(page, sizeof page, "/plans/%d/evaluation", year);
    snprintf(post, sizeof post, "/plans/%d/indicators", year);
    int64_t initiative = store_count(db, "SELECT min(i.id) FROM plan_initiatives i JOIN plans p "
                                         "ON p.id = i.plan_id WHERE p.state = 'adopted'");
    assert_true(initiative > 0);
    exchange x;
    char body[256];
    snprintf(body, sizeof body, "initiative=%lld&name=&baseline=1", (long long)initiative);
    int64_t before = count("SELECT count(*) FROM plan_indicators");
    as(&x, "admin", "POST", post, body);
    assert_int_equal(x.resp.status, 422);
    exchange_free(&x);
    snprintf(body, sizeof body, "initiative=%lld&name=Afval+per+ton&baseline=abc",
             (long long)initiative);
    as(&x, "admin", "POST", post, body);
    assert_int_equal(x.resp.status, 422);
    exchange_free(&x);
    assert_int_equal(count("SELECT count(*) FROM plan_indicators"), before);
    snprintf(body, sizeof body, "initiative=%lld&name=Afval+per+ton&unit=kg&baseline=40"
                                "&target=30&measured=35&measured_on=2026-10-01",
             (long long)initiative);
    as(&x, "admin", "POST", post, body);
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    as(&x, "admin", "GET", page, NULL);
    assert_int_equal(x.resp.status, 200);
    const char *html = exchange_body(&x);
    assert_non_null(strstr(html, "Four levels of evaluation"));
    assert_non_null(strstr(html, "Afval per ton"));
    assert_non_null(strstr(html, "50.0"));  /* (35 - 40) / (30 - 40) = 50 % of the way */
    exchange_free(&x);
    as(&x, "representative", "GET", page, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "Afval per ton"));
    assert_null(strstr(exchange_body(&x), "Add an indicator"));
    exchange_free(&x);
    as(&x, "representative", "POST", post, body);
    assert_int_equal(x.resp.status, 403);
    exchange_free(&x);
    /* A remark needs its text; one with text shows on next year's plan. */
    snprintf(post, sizeof post, "/plans/%d/remarks", year);
    snprintf(body, sizeof body, "initiative=%lld&text=", (long long)initiative);
    as(&x, "admin", "POST", post, body);
    assert_int_equal(x.resp.status, 422);
    exchange_free(&x);
    snprintf(body, sizeof body, "initiative=%lld&text=Ook+de+nachtploeg+betrekken",
             (long long)initiative);
    as(&x, "admin", "POST", post, body);
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    snprintf(page, sizeof page, "/plans/%d", year + 1);
    as(&x, "admin", "GET", page, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "Ook de nachtploeg betrekken"));
    exchange_free(&x);
    /* The demo's remark on last year's plan shows on this year's. */
    snprintf(page, sizeof page, "/plans/%d", year);
    as(&x, "representative", "GET", page, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "Een vervolgsessie inplannen"));
    exchange_free(&x);
}

static void test_hr_settings(void **state)
{
    (void)state;
    exchange x;
    as(&x, "admin", "POST", "/evaluation", "action=question&text=&position=4");
    assert_int_equal(x.resp.status, 422);
    exchange_free(&x);
    as(&x, "admin", "POST", "/evaluation", "action=weeks&w-HACCP=60");
    assert_int_equal(x.resp.status, 422);
    exchange_free(&x);
    assert_int_equal(count("SELECT count(*) FROM activities WHERE followup_weeks IS NOT NULL"),
                     0);
    as(&x, "admin", "POST", "/evaluation", "action=weeks&w-HACCP=4");
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    assert_int_equal(count("SELECT followup_weeks FROM activities WHERE code = 'HACCP'"), 4);
    /* Nobody follows HACCP up: it leaves the manager's list. */
    as(&x, "admin", "POST", "/evaluation",
       "action=weeks&w-HACCP=4&e0-HACCP=participant&e1-HACCP=trainer&e2-HACCP=nobody"
       "&e3-HACCP=hr");
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    arena a = ARENA_INIT;
    followup *list;
    size_t n;
    assert_int_equal(followups_open(db, &a, 0, date_today(), &list, &n), STORE_OK);
    for (size_t i = 0; i < n; i++)
        assert_true(strstr(list[i].title, "HACCP") == NULL);
    arena_free(&a);
    assert_int_equal(count("SELECT count(*) FROM activities WHERE code = 'HACCP' AND "
                           "evaluators = 'participant|trainer|nobody|hr'"), 1);
    as(&x, "admin", "POST", "/evaluation", "action=question&text=Nieuw&position=4&active=yes");
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    as(&x, "admin", "GET", "/evaluation", NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "Nieuw"));
    exchange_free(&x);
    as(&x, "manager", "GET", "/evaluation", NULL);
    assert_int_equal(x.resp.status, 403);
    exchange_free(&x);
}

/* Adds R for the employee at ROW (activity ACT, 0 for none) in a
 * transaction of its own: the new record's id. */
static int64_t record_added(const learning_record *r, int64_t row, int64_t act)
{
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(learning_insert(db, r, row, act), STORE_OK);
    int64_t id = store_last_id(db);
    assert_int_equal(store_end(db, STORE_OK), STORE_OK);
    return id;
}

/* The form of record ID on the body of /my/evaluations (heap), or NULL. */
static char *reaction_form(const char *body, int64_t id)
{
    char anchor[48];
    snprintf(anchor, sizeof anchor, "id=\"reaction-%lld\"", (long long)id);
    const char *at = strstr(body, anchor), *end = at ? strstr(at, "</form>") : NULL;
    return at && end ? strndup(at, (size_t)(end - at)) : NULL;
}

/* The questionnaire leaves out the question about the trainer where there
 * was nobody to judge (learning logged or typed without a session with a
 * trainer), and asks it where there was one; the answers stored are those
 * asked, and a question left out is no answer, not a zero, in the means
 * (before, every question was asked and required everywhere). */
static void test_no_trainer_no_trainer_question(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    eval_question *qs;
    size_t nq;
    assert_int_equal(eval_questions_list(db, &a, true, &qs, &nq), STORE_OK);
    int64_t trainer_q = 0, other[16];
    size_t others = 0;
    for (size_t k = 0; k < nq; k++)
        if (qs[k].about_trainer)
            trainer_q = qs[k].id;
        else if (others < 16)
            other[others++] = qs[k].id;
    assert_true(trainer_q > 0 && others >= 2); /* the demo's second question */

    /* reading a manual on one's own: no session, no trainer */
    assert_int_equal(store_begin(db), STORE_OK);
    stmt *st = store_prepare(db, "INSERT INTO activities(code, title, type, form) VALUES "
                                 "('NOTRAINER', 'Reading the safety manual', 'informal', "
                                 "'self_study')");
    assert_non_null(st);
    assert_int_equal(store_end(db, stmt_exec(st)), STORE_OK);
    learning_record r = {0};
    r.own_type = -1;
    r.type = TYPE_INFORMAL;
    r.start_date = r.end_date = date_today() - 3;
    r.hours = 200;
    r.result = RESULT_COMPLETED;
    int type;
    int64_t act = activities_row(db, "NOTRAINER", &type);
    assert_true(act > 0);
    int64_t alone = record_added(&r, employees_row(db, "E010"), act);
    /* and a course with an outside trainer: a session's record */
    r.own_type = TYPE_FORMAL;
    r.type = TYPE_FORMAL;
    r.title = "Course with a trainer";
    r.start_date = r.end_date = date_today() - 4;
    int64_t course = record_added(&r, employees_row(db, "E010"), 0);
    exec_with(db, "INSERT INTO training_sessions(activity_id, language, capacity, shift, "
              "registration_deadline, cancellation_deadline, note, state, created_at) "
              "VALUES (?1, 'nl', 10, 'day', '2026-01-01', '2026-01-01', 'trainer-test', "
              "'closed', '2026-01-01 10:00:00')", act);
    exec_with(db, "INSERT INTO session_dates(session_id, day, start_time, end_time, trainer_name, "
              "uid) SELECT id, '2026-01-02', '09:00', '17:00', 'An Outside', 'trainer-test-' "
              "|| CAST(?1 AS TEXT) FROM training_sessions WHERE note = 'trainer-test'", course);
    exec_with(db, "INSERT INTO enrolments(session_id, employee_id, state, record_id, created_at) "
              "SELECT t.id, r.employee_id, 'attended', r.id, '2026-01-01 10:00:00' FROM "
              "training_sessions t, learning_records r WHERE t.note = 'trainer-test' AND "
              "r.id = ?1", course);
    assert_int_equal(eval_record_has_trainer(db, alone), 0);
    assert_int_equal(eval_record_has_trainer(db, course), 1);

    /* asked: the trainer's question only where there was one */
    exchange x;
    as(&x, "employee", "GET", "/my/evaluations", NULL);
    assert_int_equal(x.resp.status, 200);
    char *form_alone = reaction_form(exchange_body(&x), alone);
    char *form_course = reaction_form(exchange_body(&x), course);
    exchange_free(&x);
    assert_non_null(form_alone);
    assert_non_null(form_course);
    char name[32];
    snprintf(name, sizeof name, "name=\"q%lld\"", (long long)trainer_q);
    assert_null(strstr(form_alone, name));
    assert_non_null(strstr(form_course, name));
    for (size_t k = 0; k < others; k++) {
        snprintf(name, sizeof name, "name=\"q%lld\"", (long long)other[k]);
        assert_non_null(strstr(form_alone, name));
        assert_non_null(strstr(form_course, name));
    }
    free(form_alone);
    free(form_course);

    /* answered without it: kept, the others' answers only (4, then 2s); an
     * answer to it sent anyway is not kept */
    str body = STR_INIT;
    for (size_t k = 0; k < others; k++)
        str_printf(&body, "%sq%lld=%d", k ? "&" : "", (long long)other[k], k ? 2 : 4);
    int64_t sum = 4 + 2 * (int64_t)(others - 1);
    char target[64];
    snprintf(target, sizeof target, "/my/evaluations/%lld", (long long)alone);
    as(&x, "employee", "POST", target, str_cstr(&body));
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    str with = STR_INIT;
    str_printf(&with, "%s&q%lld=1", str_cstr(&body), (long long)trainer_q);
    as(&x, "employee", "POST", target, str_cstr(&with));
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    st = store_prepare(db, "SELECT count(*), sum(score), sum(CASE WHEN question_id = ?2 THEN 1 "
                           "ELSE 0 END) FROM eval_answers WHERE record_id = ?1");
    assert_non_null(st);
    stmt_bind_int(st, 1, alone);
    stmt_bind_int(st, 2, trainer_q);
    assert_int_equal(stmt_step(st), STORE_ROW);
    assert_int_equal(stmt_int(st, 0), (int64_t)others);
    assert_int_equal(stmt_int(st, 1), sum);
    assert_int_equal(stmt_int(st, 2), 0);
    stmt_done(st);
    /* where there was a trainer, the question is asked and needed */
    snprintf(target, sizeof target, "/my/evaluations/%lld", (long long)course);
    as(&x, "employee", "POST", target, str_cstr(&body));
    assert_int_equal(x.resp.status, 422);
    exchange_free(&x);
    as(&x, "employee", "POST", target, str_cstr(&with));
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    assert_int_equal(store_int_by_id(db, "SELECT count(*) FROM eval_answers WHERE record_id = ?",
                                     course), (int64_t)others + 1);
    str_free(&body);
    str_free(&with);

    /* the report: the mean is over the answers given, not over every
     * question with a zero for the one left out */
    eval_activity_summary *lines;
    size_t n;
    assert_int_equal(eval_summary(db, &a, date_year(date_today() - 3), &lines, &n), STORE_OK);
    const eval_activity_summary *line = NULL;
    for (size_t i = 0; i < n; i++)
        if (strcmp(lines[i].code, "NOTRAINER") == 0)
            line = &lines[i];
    assert_non_null(line);
    assert_int_equal(line->respondents, 1);
    assert_int_equal(line->answers, (int64_t)others);
    assert_int_equal(line->score_sum, sum);

    /* HR marks a question as about the trainer on the evaluation page */
    as(&x, "admin", "GET", "/evaluation", NULL);
    assert_non_null(strstr(exchange_body(&x), "about the trainer"));
    exchange_free(&x);
    as(&x, "admin", "POST", "/evaluation",
       "action=question&text=On+time&position=9&active=yes&trainer=yes");
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    assert_int_equal(count("SELECT count(*) FROM eval_questions WHERE text = 'On time' AND "
                           "about_trainer = 1"), 1);
    arena_free(&a);
}

/* When every question is about the trainer, learning without one has
 * nothing to ask: it is not waiting for an answer (before, it stayed on
 * the employee's list for ever, its form without a question). */
static void test_nothing_to_ask_is_not_waiting(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    int type;
    int64_t act = activities_row(db, "NOTRAINER", &type); /* the test above's */
    assert_true(act > 0);
    learning_record r = {0};
    r.own_type = -1;
    r.type = TYPE_INFORMAL;
    r.start_date = r.end_date = date_today() - 2;
    r.hours = 100;
    r.result = RESULT_COMPLETED;
    int64_t row = employees_row(db, "E011");
    int64_t alone = record_added(&r, row, act);
    eval_pending *list;
    size_t n;
    bool found = false;
    assert_int_equal(eval_reactions_pending(db, &a, row, date_today() - 30, date_today(), &list,
                                            &n), STORE_OK);
    for (size_t i = 0; i < n; i++)
        found = found || list[i].record_id == alone;
    assert_true(found);
    assert_int_equal(store_exec_once(db, "UPDATE eval_questions SET about_trainer = 1 "
                                         "WHERE about_trainer = 0"), STORE_OK);
    assert_int_equal(eval_reactions_pending(db, &a, row, date_today() - 30, date_today(), &list,
                                            &n), STORE_OK);
    for (size_t i = 0; i < n; i++)
        assert_true(list[i].record_id != alone);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_participant_answers),
        cmocka_unit_test(test_test_attempts),
        cmocka_unit_test(test_followups),
        cmocka_unit_test(test_plan_levels),
        cmocka_unit_test(test_hr_settings),
        cmocka_unit_test(test_no_trainer_no_trainer_question),
        cmocka_unit_test(test_nothing_to_ask_is_not_waiting),
    };
    return cmocka_run_group_tests_name("evaluation_web", tests, setup, teardown);
}
