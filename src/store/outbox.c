/* outbox.c - e-mail waiting to be sent; see sessions.h. Any feature queues
 * a message with outbox_add() inside the transaction of its change, so that
 * a change and its message are kept (or lost) together; the sender
 * (app/mail.c) delivers them later, retrying with back-off. */
#include "store/sessions.h"
#include <string.h>

int outbox_add(store *db, const char *recipient, const char *lang, const char *subject,
               const char *body, const char *dedupe_key)
{
    stmt *s = store_prepare(db, "INSERT INTO outbox(recipient, lang, subject, body, dedupe_key, "
                                "next_attempt, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                                "ON CONFLICT (dedupe_key) DO NOTHING");
    if (!s)
        return STORE_ERROR;
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    stmt_bind_text(s, 1, recipient);
    stmt_bind_text(s, 2, lang);
    stmt_bind_text(s, 3, subject);
    stmt_bind_text(s, 4, body);
    stmt_bind_text(s, 5, dedupe_key && *dedupe_key ? dedupe_key : NULL);
    stmt_bind_text(s, 6, now);
    stmt_bind_text(s, 7, now);
    return stmt_exec(s);
}

#define OUTBOX_COLS                                                                     \
    "id, recipient, lang, subject, body, dedupe_key, state, attempts, next_attempt, "      \
    "last_error, created_at, sent_at "

static bool read_message(stmt *s, arena *a, void *item)
{
    outbox_message *m = item;
    m->id = stmt_int(s, 0);
    m->recipient = arena_strdup(a, stmt_text(s, 1));
    m->lang = arena_strdup(a, stmt_text(s, 2));
    m->subject = arena_strdup(a, stmt_text(s, 3));
    m->body = arena_strdup(a, stmt_text(s, 4));
    m->dedupe_key = stmt_text_copy(s, 5, a);
    m->state = arena_strdup(a, stmt_text(s, 6));
    m->attempts = (int)stmt_int(s, 7);
    m->next_attempt = arena_strdup(a, stmt_text(s, 8));
    m->last_error = stmt_text_copy(s, 9, a);
    m->created_at = arena_strdup(a, stmt_text(s, 10));
    m->sent_at = stmt_text_copy(s, 11, a);
    return m->recipient && m->lang && m->subject && m->body && m->state && m->next_attempt &&
           m->created_at;
}

int outbox_due(store *db, arena *a, const char *now, int limit, outbox_message **out,
               size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT " OUTBOX_COLS "FROM outbox WHERE state = 'queued' AND "
                                "next_attempt <= ? ORDER BY next_attempt, id LIMIT ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, now);
    stmt_bind_int(s, 2, limit);
    return stmt_collect(s, a, out, n, sizeof **out, read_message);
}

int outbox_mark_sent(store *db, int64_t id)
{
    stmt *s = store_prepare(db, "UPDATE outbox SET state = 'sent', sent_at = ?, "
                                "attempts = attempts + 1, last_error = NULL WHERE id = ?");
    if (!s)
        return STORE_ERROR;
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    stmt_bind_text(s, 1, now);
    stmt_bind_int(s, 2, id);
    return stmt_exec(s);
}

int outbox_mark_failed(store *db, int64_t id, const char *error, const char *next,
                       bool give_up)
{
    stmt *s = store_prepare(db, "UPDATE outbox SET attempts = attempts + 1, last_error = ?, "
                                "next_attempt = ?, state = ? WHERE id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, error);
    stmt_bind_text(s, 2, next);
    stmt_bind_text(s, 3, give_up ? "failed" : "queued");
    stmt_bind_int(s, 4, id);
    return stmt_exec(s);
}

int outbox_list(store *db, arena *a, const char *state, int limit, outbox_message **out,
                size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT " OUTBOX_COLS "FROM outbox WHERE "
                                "(CAST(? AS TEXT) IS NULL OR state = ?) ORDER BY id DESC LIMIT ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, state);
    stmt_bind_text(s, 2, state);
    stmt_bind_int(s, 3, limit);
    return stmt_collect(s, a, out, n, sizeof **out, read_message);
}

int64_t outbox_count(store *db, const char *state)
{
    stmt *s = store_prepare(db, "SELECT count(*) FROM outbox WHERE "
                                "(CAST(? AS TEXT) IS NULL OR state = ?)");
    if (!s)
        return -1;
    stmt_bind_text(s, 1, state);
    stmt_bind_text(s, 2, state);
    if (stmt_step(s) != STORE_ROW)
        return -1;
    int64_t c = stmt_int(s, 0);
    stmt_done(s);
    return c;
}
