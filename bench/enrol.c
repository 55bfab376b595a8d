/* enrol.c - the enrolment benchmark of issue 12, at a size given on the
 * command line: THREADS concurrent users enrol EMPLOYEES people into
 * SESSIONS sessions through app/training.c (the same path as the web,
 * outbox included), sharing CONNECTIONS database connections as the
 * server's worker threads do; then one session of CLOSE people is closed
 * into learning records.
 *
 *   ninja -C build bench/enrol &&
 *   build/bench/enrol DB [EMPLOYEES THREADS SESSIONS CLOSE CONNECTIONS]
 *
 * Prints enrolments per second, checks that no session is oversold, and the
 * time of the close. */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "app/training.h"
#include "util/crypto.h"

static const char *target;
static int employees = 10000, threads = 200, nsessions = 50, close_size = 500, nconns = 4;
/* The connections, each used by one user at a time, as a server worker's. */
static store **pool;
static bool *pool_busy;
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pool_free = PTHREAD_COND_INITIALIZER;
static int64_t *rows, *session_ids;
static date_t today;
static int enrolled_total, waiting_total, errors;
static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void die(const char *what, store *db)
{
    fprintf(stderr, "enrol: %s: %s\n", what, db ? store_error(db) : "");
    exit(3);
}

/* One user: enrols the employees I, I + THREADS, ... each into a session
 * chosen by their number. */
static void *enrol_user(void *arg)
{
    int i = (int)(intptr_t)arg, mine_enrolled = 0, mine_waiting = 0, mine_errors = 0;
    for (int k = i; k < employees; k += threads) {
        pthread_mutex_lock(&pool_lock);
        int c = -1;
        while (c < 0) {
            for (int j = 0; j < nconns && c < 0; j++)
                if (!pool_busy[j])
                    c = j;
            if (c < 0)
                pthread_cond_wait(&pool_free, &pool_lock);
        }
        pool_busy[c] = true;
        pthread_mutex_unlock(&pool_lock);
        enrol_outcome out;
        int st = training_enrol(pool[c], "bench", session_ids[(k * 7) % nsessions], rows[k],
                                false, today, &out);
        pthread_mutex_lock(&pool_lock);
        pool_busy[c] = false;
        pthread_cond_signal(&pool_free);
        pthread_mutex_unlock(&pool_lock);
        if (st != TRAINING_OK)
            mine_errors++;
        else if (out.state == ENROL_ENROLLED)
            mine_enrolled++;
        else
            mine_waiting++;
    }
    pthread_mutex_lock(&count_lock);
    enrolled_total += mine_enrolled;
    waiting_total += mine_waiting;
    errors += mine_errors;
    pthread_mutex_unlock(&count_lock);
    return NULL;
}

/* A one-date session of activity ROW in 30 days with CAPACITY seats. */
static int64_t session_of(store *db, int64_t activity_row, int capacity)
{
    session_slot slot = {0};
    slot.day = today + 30;
    slot.start = 9 * 60;
    slot.end = 16 * 60;
    slot.place = "Zaal";
    session_plan p = {0};
    p.activity_row = activity_row;
    p.activity_code = "BENCH";
    p.language = "nl";
    p.capacity = capacity;
    p.shift = SHIFT_ROTATING;
    p.registration_deadline = p.cancellation_deadline = today + 20;
    p.cost = 5000000;
    p.slots = &slot;
    p.nslots = 1;
    enum session_problem problem;
    if (training_plan(db, "bench", &p, today, &problem) != TRAINING_OK)
        die("plan", db);
    return p.id;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: enrol DB [EMPLOYEES THREADS SESSIONS CLOSE]\n", stderr);
        return 2;
    }
    target = argv[1];
    if (argc > 2) employees = atoi(argv[2]);
    if (argc > 3) threads = atoi(argv[3]);
    if (argc > 4) nsessions = atoi(argv[4]);
    if (argc > 5) close_size = atoi(argv[5]);
    if (argc > 6) nconns = atoi(argv[6]);
    if (employees < close_size || threads < 1 || nsessions < 1 || nconns < 1)
        return 2;
    crypto_start();
    today = date_today();
    store *db;
    str err = STR_INIT;
    int applied;
    if (store_open(target, &db, &err) != STORE_OK) {
        fprintf(stderr, "enrol: open: %s\n", str_cstr(&err));
        return 3;
    }
    if (store_migrate(db, &applied) != STORE_OK)
        die("migrate", db);
    rows = calloc((size_t)employees, sizeof *rows);
    session_ids = calloc((size_t)nsessions, sizeof *session_ids);
    if (!rows || !session_ids)
        die("memory", NULL);

    /* the organisation: EMPLOYEES people and one activity without approval */
    double t0 = now();
    if (store_begin(db) != STORE_OK)
        die("begin", db);
    activity a = {0, "BENCH", "Benchmark training", TYPE_FORMAL, 0, NULL, 0, 700, 50000, 0, 0,
                  NULL};
    int64_t act;
    int outcome;
    if (activities_upsert(db, &a, &act, &outcome) != STORE_OK ||
        activities_set_enrol_approval(db, "bench", act, 0) != STORE_OK)
        die("activity", db);
    for (int i = 0; i < employees; i++) {
        char id[16], email[48];
        snprintf(id, sizeof id, "B%06d", i);
        snprintf(email, sizeof email, "b%06d@bench.example", i);
        employee e = {0};
        e.employee_id = id;
        e.first_name = "Bench";
        e.last_name = id;
        e.email = email;
        e.birth_date = date_from_ymd(1980, 1, 1);
        e.hire_date = date_from_ymd(2010, 1, 1);
        e.exit_date = DATE_NONE;
        e.department = i % 2 ? "Productie" : "Logistiek";
        e.function = "Operator";
        e.fte = 10000;
        e.born_abroad = e.disability = ANSWER_NONE;
        e.shift = SHIFT_DAY;
        if (employees_upsert(db, &e, &rows[i], &outcome) != STORE_OK)
            die("employee", db);
    }
    if (store_end(db, STORE_OK) != STORE_OK)
        die("commit", db);
    for (int s = 0; s < nsessions; s++)
        session_ids[s] = session_of(db, act, 40);
    printf("set-up: %d employees, %d sessions of 40 seats: %.2f s\n", employees, nsessions,
           now() - t0);

    /* THREADS users enrol everyone at once */
    pool = calloc((size_t)nconns, sizeof *pool);
    pool_busy = calloc((size_t)nconns, sizeof *pool_busy);
    for (int j = 0; j < nconns; j++)
        if (!pool || !pool_busy || store_open(target, &pool[j], &err) != STORE_OK)
            die("open", NULL);
    pthread_t *th = calloc((size_t)threads, sizeof *th);
    t0 = now();
    for (int i = 0; i < threads; i++)
        if (pthread_create(&th[i], NULL, enrol_user, (void *)(intptr_t)i) != 0)
            die("thread", NULL);
    for (int i = 0; i < threads; i++)
        pthread_join(th[i], NULL);
    double took = now() - t0;
    for (int j = 0; j < nconns; j++)
        store_close(pool[j]);
    printf("%d users on %d connections enrolled %d people into %d sessions: %.2f s, "
           "%.0f enrolments/s (%d seats, %d waiting, %d errors)\n",
           threads, nconns, employees, nsessions, took, employees / took, enrolled_total,
           waiting_total, errors);
    int64_t oversold = store_count(db, "SELECT count(*) FROM training_sessions s WHERE "
                                       "seats_taken > capacity OR seats_taken <> (SELECT "
                                       "count(*) FROM enrolments n WHERE n.session_id = s.id "
                                       "AND n.state = 'enrolled')");
    printf("sessions oversold or miscounted: %lld\n", (long long)oversold);

    /* one session of CLOSE people, all present, closed at once */
    int64_t big = session_of(db, act, close_size);
    group_outcome grouped = {0};
    if (training_enrol_group(db, "bench", big, rows, (size_t)close_size, today, false,
                             &grouped) != TRAINING_OK)
        die("group", db);
    arena ar = ARENA_INIT;
    session_plan p;
    enrolment_query q = {big, 0, 0, ENROL_ENROLLED, false, DATE_NONE};
    enrolment *list;
    size_t n;
    if (tsessions_get(db, &ar, big, &p) != STORE_ROW ||
        enrolments_list(db, &ar, &q, &list, &n) != STORE_OK || store_begin(db) != STORE_OK)
        die("load", db);
    for (size_t i = 0; i < n; i++)
        if (attendance_set(db, "bench", list[i].id, p.slots[0].id, MARK_PRESENT, 0) != STORE_OK)
            die("attendance", db);
    if (store_end(db, STORE_OK) != STORE_OK)
        die("commit", db);
    int records;
    t0 = now();
    if (training_close(db, "bench", big, today + 30, &records) != TRAINING_OK)
        die("close", db);
    printf("closing a session of %zu people: %d learning records in %.3f s\n", n, records,
           now() - t0);
    arena_free(&ar);
    store_close(db);
    free(th);
    free(rows);
    free(session_ids);
    free(pool);
    free(pool_busy);
    str_free(&err);
    return oversold == 0 && errors == 0 ? 0 : 1;
}
