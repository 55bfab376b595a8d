/* mail.c - see mail.h. */
#include "app/mail.h"
#include "app/training.h"
#include "store/site.h"
#include <curl/curl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How many days before its first date a session's reminder goes out. */
#define MAIL_REMINDER_DAYS 2

int mail_config_load(store *db, arena *a, mail_config *cfg)
{
    static const char *const keys[] = {"smtp_host", "smtp_from", "smtp_login", "smtp_password",
                                       "smtp_port", "smtp_starttls", "smtp_cafile"};
    const char *values[7] = {NULL};
    str v = STR_INIT;
    for (int i = 0; i < 7; i++) {
        int rc = settings_get(db, keys[i], &v);
        if (rc == STORE_ERROR) {
            str_free(&v);
            return STORE_ERROR;
        }
        if (rc == STORE_ROW && !(values[i] = arena_strdup(a, str_cstr(&v)))) {
            str_free(&v);
            return STORE_ERROR;
        }
    }
    str_free(&v);
    memset(cfg, 0, sizeof *cfg);
    cfg->host = values[0];
    cfg->from = values[1] ? values[1] : "groeipad@localhost";
    cfg->login = values[2];
    cfg->password = values[3];
    cfg->port = values[4] ? atoi(values[4]) : 587;
    cfg->starttls = !values[5] || strcmp(values[5], "no") != 0;
    cfg->cafile = values[6];
    return cfg->host && *cfg->host ? STORE_ROW : STORE_DONE;
}

/* The message as it goes over the wire, read by curl in pieces. */
typedef struct payload {
    str text;
    size_t at;
} payload;

static size_t read_payload(char *buf, size_t size, size_t n, void *ctx)
{
    payload *p = ctx;
    size_t want = size * n, left = p->text.len - p->at;
    if (want > left)
        want = left;
    memcpy(buf, p->text.p + p->at, want);
    p->at += want;
    return want;
}

/* TEXT as an RFC 2047 encoded word when it is not plain ASCII. */
static void header_text(str *out, const char *text)
{
    bool ascii = true;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if (*p >= 0x80 || *p < 0x20)
            ascii = false;
    if (ascii) {
        str_puts(out, text);
        return;
    }
    size_t n = strlen(text);
    size_t cap = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = malloc(cap);
    if (!b64) {
        str_puts(out, "?");
        return;
    }
    sodium_bin2base64(b64, cap, (const unsigned char *)text, n, sodium_base64_VARIANT_ORIGINAL);
    str_printf(out, "=?UTF-8?B?%s?=", b64);
    free(b64);
}

/* Builds the RFC 5322 message of M into OUT: its headers and body, lines
 * ending in CRLF. */
static void compose(str *out, const mail_config *cfg, const outbox_message *m)
{
    char date[64];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    str_printf(out, "Date: %s\r\nFrom: %s\r\nTo: %s\r\nSubject: ", date, cfg->from, m->recipient);
    header_text(out, m->subject);
    const char *at = strchr(cfg->from, '@');
    str_printf(out, "\r\nMessage-ID: <outbox-%lld-%s>\r\nMIME-Version: 1.0\r\n"
                    "Content-Type: text/plain; charset=UTF-8\r\n"
                    "Content-Transfer-Encoding: 8bit\r\nContent-Language: %s\r\n\r\n",
               (long long)m->id, at ? at + 1 : "groeipad", m->lang);
    for (const char *p = m->body; *p; p++) {
        if (*p == '\n')
            str_puts(out, "\r\n");
        else if (*p != '\r')
            str_putc(out, *p);
    }
    str_puts(out, "\r\n");
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

/* curl's global set-up is not thread-safe: done once, before any use. */
static void curl_start(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

bool mail_deliver(const mail_config *cfg, const outbox_message *m, str *err)
{
    pthread_once(&curl_once, curl_start);
    CURL *c = curl_easy_init();
    if (!c) {
        str_puts(err, "cannot start curl");
        return false;
    }
    str url = STR_INIT, from = STR_INIT, to = STR_INIT;
    payload p = {STR_INIT, 0};
    str_printf(&url, "smtp://%s:%d", cfg->host, cfg->port);
    str_printf(&from, "<%s>", cfg->from);
    str_printf(&to, "<%s>", m->recipient);
    compose(&p.text, cfg, m);
    struct curl_slist *rcpt = curl_slist_append(NULL, str_cstr(&to));
    char errbuf[CURL_ERROR_SIZE] = "";
    CURLcode rc = CURLE_OUT_OF_MEMORY;
    if (str_ok(&url) && str_ok(&from) && str_ok(&to) && str_ok(&p.text) && rcpt) {
        curl_easy_setopt(c, CURLOPT_URL, str_cstr(&url));
        curl_easy_setopt(c, CURLOPT_MAIL_FROM, str_cstr(&from));
        curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
        curl_easy_setopt(c, CURLOPT_READFUNCTION, read_payload);
        curl_easy_setopt(c, CURLOPT_READDATA, &p);
        curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
        curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp");
        /* STARTTLS required when asked for: never fall back to plain text */
        if (cfg->starttls)
            curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
        if (cfg->cafile && *cfg->cafile)
            curl_easy_setopt(c, CURLOPT_CAINFO, cfg->cafile);
        if (cfg->login && *cfg->login) {
            curl_easy_setopt(c, CURLOPT_USERNAME, cfg->login);
            curl_easy_setopt(c, CURLOPT_PASSWORD, cfg->password ? cfg->password : "");
        }
        rc = curl_easy_perform(c);
    }
    if (rc != CURLE_OK)
        str_puts(err, errbuf[0] ? errbuf : curl_easy_strerror(rc));
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    str_free(&url);
    str_free(&from);
    str_free(&to);
    str_free(&p.text);
    return rc == CURLE_OK;
}

/* Records the outcome of delivering M, in its own transaction. */
static int record_outcome(store *db, const outbox_message *m, bool ok, const char *error)
{
    int rc = store_begin(db);
    if (rc == STORE_OK && ok) {
        rc = outbox_mark_sent(db, m->id);
    } else if (rc == STORE_OK) {
        char next[TIME_TEXT_SIZE];
        time_text(TIME_STAMP, mail_backoff_seconds(m->attempts + 1), next);
        rc = outbox_mark_failed(db, m->id, error, next, m->attempts + 1 >= MAIL_MAX_ATTEMPTS);
    }
    return store_end(db, rc);
}

int mail_send_due(store *db, int limit, int *sent, int *failed)
{
    *sent = *failed = 0;
    arena a = ARENA_INIT;
    mail_config cfg;
    int rc = mail_config_load(db, &a, &cfg);
    int queued;
    if (rc == STORE_ROW &&
        training_remind(db, date_today(), MAIL_REMINDER_DAYS, &queued) != TRAINING_OK)
        rc = STORE_ERROR;
    outbox_message *m = NULL;
    size_t n = 0;
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    if (rc == STORE_ROW && outbox_due(db, &a, now, limit, &m, &n) != STORE_OK)
        rc = STORE_ERROR;
    for (size_t i = 0; rc == STORE_ROW && i < n; i++) {
        str err = STR_INIT;
        bool ok = mail_deliver(&cfg, &m[i], &err);
        if (record_outcome(db, &m[i], ok, str_ok(&err) ? str_cstr(&err) : "error") != STORE_OK)
            rc = STORE_ERROR;
        ok ? (*sent)++ : (*failed)++;
        str_free(&err);
    }
    arena_free(&a);
    return rc == STORE_ROW ? STORE_OK : rc;
}

/* ---- the background sender ---- */

struct mail_sender {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;
    int poll_seconds;
    char *target, *org;
    bool site; /* a PostgreSQL site without an organisation: every one */
};

/* One pass over the outbox of the organisation DB serves; logs a failure
 * (naming ORG, when a site's) and goes on: the next poll tries again. */
static void send_pass(store *db, const char *org)
{
    int sent, failed;
    if (mail_send_due(db, 100, &sent, &failed) == STORE_ERROR)
        fprintf(stderr, "groeipad: mail sender%s%s: %s\n", org ? ": " : "", org ? org : "",
                store_error(db));
}

/* One pass over every organisation of a site: the connection serves each
 * in turn (store_use_org), so one organisation's failure stops no other's
 * mail. The list is read again on every pass: organisations come and go
 * while the server runs. */
static void send_site_pass(store *db)
{
    arena a = ARENA_INIT;
    organisation *orgs;
    size_t n;
    if (store_use_org(db, NULL) != STORE_OK || orgs_list(db, &a, &orgs, &n) != STORE_OK) {
        fprintf(stderr, "groeipad: mail sender: %s\n", store_error(db));
        arena_free(&a);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (store_use_org(db, orgs[i].slug) != STORE_OK)
            fprintf(stderr, "groeipad: mail sender: %s: %s\n", orgs[i].slug, store_error(db));
        else if (store_schema_version(db) > 0) /* registered, not yet made: no outbox */
            send_pass(db, orgs[i].slug);
    }
    arena_free(&a);
}

static void *sender_main(void *arg)
{
    mail_sender *s = arg;
    store *db = NULL;
    str err = STR_INIT;
    if (store_open_org(s->target, s->org, &db, &err) != STORE_OK) {
        fprintf(stderr, "groeipad: mail sender: %s\n", str_cstr(&err));
        str_free(&err);
        return NULL;
    }
    str_free(&err);
    pthread_mutex_lock(&s->lock);
    while (!s->stop) {
        pthread_mutex_unlock(&s->lock);
        if (s->site)
            send_site_pass(db);
        else
            send_pass(db, NULL);
        pthread_mutex_lock(&s->lock);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += s->poll_seconds;
        while (!s->stop && pthread_cond_timedwait(&s->wake, &s->lock, &until) == 0)
            ;
    }
    pthread_mutex_unlock(&s->lock);
    store_close(db);
    return NULL;
}

mail_sender *mail_sender_start(const char *db_target, const char *org, int poll_seconds)
{
    mail_sender *s = calloc(1, sizeof *s);
    if (!s || !(s->target = strdup(db_target)) || (org && !(s->org = strdup(org)))) {
        if (s)
            free(s->target);
        free(s);
        return NULL;
    }
    s->site = store_target_is_pg(db_target) && !org;
    s->poll_seconds = poll_seconds > 0 ? poll_seconds : 30;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->wake, NULL);
    if (pthread_create(&s->thread, NULL, sender_main, s) != 0) {
        free(s->target);
        free(s->org);
        free(s);
        return NULL;
    }
    return s;
}

void mail_sender_stop(mail_sender *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->lock);
    s->stop = true;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
    pthread_join(s->thread, NULL);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->wake);
    free(s->target);
    free(s->org);
    free(s);
}
