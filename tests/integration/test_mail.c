/* test_mail.c - the outbox delivered to a real SMTP server on loopback
 * (tests/integration/smtp_server.py, Debian's python3-aiosmtpd): every
 * message of an enrolment arrives in its recipient's language; a refused
 * recipient or a server that is down leaves the message queued with its
 * next attempt later, and the user's action succeeds all the same; login
 * and STARTTLS (with a CA of our own) work and a wrong password does not;
 * without a mail server messages wait and the admin sees them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <cmocka.h>
#include "helpers.h"
#include "app/mail.h"
#include "app/training.h"

static store *db;
static date_t today;

typedef struct smtp_server {
    pid_t pid;
    int port;
    char maildir[512];
} smtp_server;

/* Starts the test SMTP server with EXTRA arguments (NULL-terminated),
 * saving mail into a fresh directory NAME. */
static smtp_server smtp_start(const char *name, const char *const *extra)
{
    smtp_server s = {0};
    snprintf(s.maildir, sizeof s.maildir, "%s", test_path(name));
    assert_int_equal(mkdir(s.maildir, 0700), 0);
    char portfile[600];
    snprintf(portfile, sizeof portfile, "%s.port", s.maildir);
    const char *script = getenv("GROEIPAD_SMTP_SERVER");
    assert_non_null(script);
    /* Debian's python, where python3-aiosmtpd is installed */
    const char *python = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
    s.pid = fork();
    assert_true(s.pid >= 0);
    if (s.pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGTERM); /* dies with the test, even a failed one */
        const char *argv[16] = {python, script, portfile, s.maildir};
        int n = 4;
        for (size_t i = 0; extra && extra[i] && n < 15; i++)
            argv[n++] = extra[i];
        argv[n] = NULL;
        execvp(python, (char *const *)argv);
        _exit(127);
    }
    /* wait until it listens (it writes its port then), or has died */
    for (int i = 0; i < 600; i++) {
        FILE *f = fopen(portfile, "r");
        if (f) {
            assert_int_equal(fscanf(f, "%d", &s.port), 1);
            fclose(f);
            return s;
        }
        int status;
        assert_int_equal(waitpid(s.pid, &status, WNOHANG), 0);
        usleep(50000);
    }
    fail_msg("the SMTP server did not start");
    return s;
}

static void smtp_stop(smtp_server *s)
{
    kill(s->pid, SIGTERM);
    waitpid(s->pid, NULL, 0);
}

/* The messages in S's maildir, concatenated (heap); their number in *n. */
static char *mailbox(const smtp_server *s, int *n)
{
    str all = STR_INIT;
    *n = 0;
    DIR *d = opendir(s->maildir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 4 || strcmp(e->d_name + len - 4, ".eml") != 0)
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", s->maildir, e->d_name);
        FILE *f = fopen(path, "r");
        assert_non_null(f);
        char buf[4096];
        size_t got;
        while ((got = fread(buf, 1, sizeof buf, f)) > 0)
            str_append(&all, buf, got);
        fclose(f);
        str_puts(&all, "\n=====\n");
        (*n)++;
    }
    closedir(d);
    return str_steal(&all);
}

static void set(const char *key, const char *value)
{
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(settings_set(db, "t", key, value), STORE_OK);
    assert_int_equal(store_end(db, STORE_OK), STORE_OK);
}

static void use_server(const smtp_server *s, bool starttls)
{
    char port[16];
    snprintf(port, sizeof port, "%d", s->port);
    set("smtp_host", "127.0.0.1");
    set("smtp_port", port);
    set("smtp_starttls", starttls ? "yes" : "no");
    set("smtp_from", "opleidingen@schelde-voeding.example");
}

static int64_t count(const char *sql)
{
    int64_t n = store_count(db, sql);
    assert_true(n >= 0);
    return n;
}

/* A fresh one-date session of VCA in 30 days with approval. */
static int64_t new_session(int capacity)
{
    session_slot slot = {0};
    slot.day = today + 30;
    slot.start = 9 * 60;
    slot.end = 12 * 60;
    slot.place = "Lokaal B";
    session_plan p = {0};
    p.activity_row = activities_row(db, "VCA", NULL);
    p.activity_code = "VCA";
    p.language = "nl";
    p.capacity = capacity;
    p.shift = SHIFT_DAY;
    p.registration_deadline = p.cancellation_deadline = today + 20;
    p.slots = &slot;
    p.nslots = 1;
    enum session_problem problem;
    assert_int_equal(training_plan(db, "admin", &p, today, &problem), TRAINING_OK);
    return p.id;
}

/* Makes every queued message due now (as if its back-off had passed). */
static void make_all_due(void)
{
    arena a = ARENA_INIT;
    outbox_message *m;
    size_t n;
    assert_int_equal(outbox_list(db, &a, "queued", 1000, &m, &n), STORE_OK);
    char past[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, -3600, past);
    assert_int_equal(store_begin(db), STORE_OK);
    for (size_t i = 0; i < n; i++) {
        stmt *s = store_prepare(db, "UPDATE outbox SET next_attempt = ? WHERE id = ?");
        assert_non_null(s);
        stmt_bind_text(s, 1, past);
        stmt_bind_int(s, 2, m[i].id);
        assert_int_equal(stmt_exec(s), STORE_OK);
    }
    assert_int_equal(store_end(db, STORE_OK), STORE_OK);
    arena_free(&a);
}

static int setup(void **state)
{
    (void)state;
    today = date_today();
    db = demo_store(test_path("mail.db"));
    /* enrolling into VCA needs the manager's approval here */
    if (store_begin(db) != STORE_OK ||
        store_end(db, activities_set_enrol_approval(db, "t", activities_row(db, "VCA", NULL), 1)) !=
            STORE_OK)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    return 0;
}

static void test_without_a_mail_server_messages_wait_and_admin_sees_them(void **state)
{
    (void)state;
    int64_t id = new_session(5);
    enrol_outcome o;
    assert_int_equal(training_enrol(db, "admin", id, employees_row(db, "E010"), true, today, &o),
                     TRAINING_OK);
    int sent, failed;
    assert_int_equal(mail_send_due(db, 100, &sent, &failed), STORE_DONE);
    assert_true(count("SELECT count(*) FROM outbox WHERE state = 'queued'") >= 1);
    char csrf[65];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    exchange x;
    run_request(&x, db, "GET", "/outbox", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "VCA basisveiligheid"));
    exchange_free(&x);
    free(cookie);
    /* the command line says so too, and lists what waits */
    char *out;
    assert_int_equal(gp(test_path("mail.db"), "mail send 2>/dev/null", NULL, NULL), 1);
    assert_int_equal(gp(test_path("mail.db"), "mail list", NULL, &out), 0);
    assert_non_null(strstr(out, "queued"));
    assert_non_null(strstr(out, "VCA basisveiligheid"));
    free(out);
    assert_int_equal(gp(test_path("mail.db"), "mail frobnicate 2>/dev/null", NULL, NULL), 2);
}

static void test_every_message_arrives_in_its_language(void **state)
{
    (void)state;
    smtp_server s = smtp_start("maildir-plain", NULL);
    use_server(&s, false);
    int sent, failed;
    assert_int_equal(mail_send_due(db, 100, &sent, &failed), STORE_OK); /* what waited */
    assert_int_equal(failed, 0);

    /* the employee reads French */
    arena a = ARENA_INIT;
    user u;
    str hash = STR_INIT;
    assert_int_equal(users_find(db, &a, "employee", &u, &hash), STORE_ROW);
    str_free(&hash);
    assert_int_equal(users_set_lang(db, u.id, "fr"), STORE_OK);
    int64_t id = new_session(1);
    enrol_outcome o1, o2, d;
    /* a request to the manager (Dutch), approval to the employee (French) */
    assert_int_equal(training_enrol(db, "employee", id, employees_row(db, "E010"), false, today,
                                    &o1), TRAINING_OK);
    assert_int_equal(training_decide(db, "manager", o1.enrolment_id, true, NULL, today, &d),
                     TRAINING_OK);
    /* the next one waits, and moves up when the employee cancels */
    assert_int_equal(training_enrol(db, "admin", id, employees_row(db, "E011"), true, today, &o2),
                     TRAINING_OK);
    assert_int_equal(o2.state, ENROL_WAITLISTED);
    assert_int_equal(training_cancel_enrolment(db, "employee", o1.enrolment_id, "ziek", today),
                     TRAINING_OK);
    int64_t queued = count("SELECT count(*) FROM outbox WHERE state = 'queued'");
    assert_int_equal(queued, 5); /* request, enrolled, waitlisted, cancelled, promoted */
    assert_int_equal(mail_send_due(db, 100, &sent, &failed), STORE_OK);
    assert_int_equal(sent, 5);
    assert_int_equal(failed, 0);
    assert_int_equal(count("SELECT count(*) FROM outbox WHERE state = 'queued'"), 0);
    int n;
    char *mail = mailbox(&s, &n);
    assert_true(n >= 5);
    assert_non_null(strstr(mail, "wil deelnemen aan deze sessie"));   /* to the manager */
    assert_non_null(strstr(mail, "vous avez une place dans cette session")); /* employee */
    assert_non_null(strstr(mail, "votre inscription à cette session a été annulée"));
    assert_non_null(strstr(mail, "er is een plaats vrijgekomen"));   /* E011, promoted */
    assert_non_null(strstr(mail, "From: opleidingen@schelde-voeding.example"));
    assert_non_null(strstr(mail, "Subject: =?UTF-8?B?"));
    free(mail);
    /* sent once: a second pass sends nothing */
    assert_int_equal(mail_send_due(db, 100, &sent, &failed), STORE_OK);
    assert_int_equal(sent + failed, 0);
    smtp_stop(&s);
    arena_free(&a);
}

static void test_refused_and_down_stay_queued_and_are_tried_again(void **state)
{
    (void)state;
    smtp_server s = smtp_start("maildir-refuse", NULL);
    use_server(&s, false);
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(outbox_add(db, "refuse@example.org", "nl", "Test", "Tekst", "t:refuse"),
                     STORE_OK);
    /* the same cause twice: queued once */
    assert_int_equal(outbox_add(db, "refuse@example.org", "nl", "Test", "Tekst", "t:refuse"),
                     STORE_OK);
    assert_int_equal(store_end(db, STORE_OK), STORE_OK);
    assert_int_equal(count("SELECT count(*) FROM outbox WHERE dedupe_key = 't:refuse'"), 1);
    int sent, failed;
    assert_int_equal(mail_send_due(db, 100, &sent, &failed), STORE_OK);
    assert_int_equal(failed, 1);
    assert_int_equal(count("SELECT count(*) FROM outbox WHERE dedupe_key = 't:refuse' AND "
                           "state = 'queued' AND attempts = 1 AND last_error IS NOT NULL"), 1);
    /* not due again before its back-off */
    assert_int_equal(mail_send_due(db, 100, &sent, &failed), STORE_OK);
    assert_int_equal(sent + failed, 0);

    /* the server goes down; an enrolment still succeeds and its message waits */
    smtp_stop(&s);
    int64_t id = new_session(5);
    enrol_outcome o;
    assert_int_equal(training_enrol(db, "admin", id, employees_row(db, "E012"), true, today, &o),
                     TRAINING_OK);
    int64_t before = count("SELECT count(*) FROM outbox WHERE state = 'queued' AND "
                           "recipient <> 'refuse@example.org'");
    assert_true(before >= 1);
    assert_int_equal(mail_send_due(db, 100, &sent, &failed), STORE_OK);
    assert_int_equal(sent, 0);
    assert_true(failed >= 1);
    assert_int_equal(count("SELECT count(*) FROM outbox WHERE state = 'queued' AND "
                           "recipient <> 'refuse@example.org'"), before);
    /* back up: once due again, it is delivered */
    smtp_server up = smtp_start("maildir-up", NULL);
    use_server(&up, false);
    make_all_due();
    assert_int_equal(mail_send_due(db, 100, &sent, &failed), STORE_OK);
    assert_int_equal(sent, before);
    assert_int_equal(failed, 1); /* the refused one, again */
    int n;
    free(mailbox(&up, &n));
    assert_int_equal(n, before);
    smtp_stop(&up);
}

static void test_login_and_starttls(void **state)
{
    (void)state;
    char cmd[2048];
    const char *dir = test_dir();
    snprintf(cmd, sizeof cmd, "openssl req -x509 -newkey rsa:2048 -nodes -keyout %s/key.pem "
             "-out %s/cert.pem -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 "
             ">/dev/null 2>&1", dir, dir);
    assert_int_equal(system(cmd), 0);
    char cert[600], key[600];
    snprintf(cert, sizeof cert, "%s/cert.pem", dir);
    snprintf(key, sizeof key, "%s/key.pem", dir);
    const char *extra[] = {"--auth", "opleidingen:geheim", "--tls", cert, key, NULL};
    smtp_server s = smtp_start("maildir-tls", extra);
    use_server(&s, true);
    set("smtp_cafile", cert);
    set("smtp_login", "opleidingen");
    set("smtp_password", "fout");
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(outbox_add(db, "an@example.org", "nl", "Over TLS", "Veilig verstuurd.",
                                "t:tls"), STORE_OK);
    assert_int_equal(store_end(db, STORE_OK), STORE_OK);
    int sent, failed;
    assert_int_equal(mail_send_due(db, 100, &sent, &failed), STORE_OK);
    assert_int_equal(sent, 0); /* a wrong password */
    set("smtp_password", "geheim");
    make_all_due();
    assert_int_equal(mail_send_due(db, 100, &sent, &failed), STORE_OK);
    assert_true(sent >= 1);
    assert_int_equal(count("SELECT count(*) FROM outbox WHERE dedupe_key = 't:tls' AND "
                           "state = 'sent'"), 1);
    int n;
    char *mail = mailbox(&s, &n);
    assert_non_null(strstr(mail, "Veilig verstuurd."));
    free(mail);
    smtp_stop(&s);

    /* STARTTLS asked for but not offered: nothing goes out in plain text */
    smtp_server plain = smtp_start("maildir-notls", NULL);
    use_server(&plain, true);
    set("smtp_login", NULL);
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(outbox_add(db, "an@example.org", "nl", "Geen TLS", "Niet zo.", "t:notls"),
                     STORE_OK);
    assert_int_equal(store_end(db, STORE_OK), STORE_OK);
    assert_int_equal(mail_send_due(db, 100, &sent, &failed), STORE_OK);
    assert_int_equal(sent, 0);
    mail = mailbox(&plain, &n);
    assert_int_equal(n, 0);
    free(mail);
    smtp_stop(&plain);
}

static void test_reminders_go_out_once_two_days_before(void **state)
{
    (void)state;
    smtp_server s = smtp_start("maildir-remind", NULL);
    use_server(&s, false);
    set("smtp_login", NULL);
    set("smtp_starttls", "no");
    make_all_due();
    int sent, failed;
    assert_int_equal(mail_send_due(db, 100, &sent, &failed), STORE_OK); /* what waited */
    int n0;
    free(mailbox(&s, &n0));
    session_slot slot = {0};
    slot.day = today + 2;
    slot.start = 13 * 60;
    slot.end = 15 * 60;
    slot.place = "Lokaal C";
    session_plan p = {0};
    p.activity_row = activities_row(db, "HACCP", NULL);
    p.activity_code = "HACCP";
    p.language = "nl";
    p.capacity = 3;
    p.shift = SHIFT_DAY;
    p.registration_deadline = p.cancellation_deadline = today + 1;
    p.slots = &slot;
    p.nslots = 1;
    enum session_problem problem;
    assert_int_equal(training_plan(db, "admin", &p, today, &problem), TRAINING_OK);
    enrol_outcome o;
    assert_int_equal(training_enrol(db, "admin", p.id, employees_row(db, "E013"), true, today, &o),
                     TRAINING_OK);
    assert_int_equal(mail_send_due(db, 100, &sent, &failed), STORE_OK);
    assert_int_equal(sent, 2); /* the enrolment and its reminder */
    assert_int_equal(mail_send_due(db, 100, &sent, &failed), STORE_OK);
    assert_int_equal(sent, 0); /* the reminder goes once */
    int n;
    char *mail = mailbox(&s, &n);
    assert_int_equal(n, n0 + 2);
    assert_non_null(strstr(mail, "deze sessie begint binnenkort"));
    free(mail);
    smtp_stop(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_without_a_mail_server_messages_wait_and_admin_sees_them),
        cmocka_unit_test(test_every_message_arrives_in_its_language),
        cmocka_unit_test(test_refused_and_down_stay_queued_and_are_tried_again),
        cmocka_unit_test(test_login_and_starttls),
        cmocka_unit_test(test_reminders_go_out_once_two_days_before),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
