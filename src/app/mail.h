/* mail.h - delivering the outbox over SMTP (libcurl): the mail server, its
 * port, STARTTLS and login come from the settings (smtp_*). A message
 * leaves the outbox only once the server has accepted it; a failure is
 * tried again later with back-off, so nothing is lost when the process is
 * killed (at worst a message goes out twice). */
#ifndef GP_APP_MAIL_H
#define GP_APP_MAIL_H
#include <stdbool.h>
#include "store/sessions.h"

typedef struct mail_config {
    const char *host, *from, *login, *password;
    const char *cafile; /* a CA file to trust, or NULL: the system's */
    int port;
    bool starttls;
} mail_config;

/* Reads the smtp_* settings into CFG (strings in A). STORE_ROW when a mail
 * server is set, STORE_DONE when not (messages then wait), STORE_ERROR. */
int mail_config_load(store *db, arena *a, mail_config *cfg);
/* Sends message M through the server of CFG; false with why in ERR. */
bool mail_deliver(const mail_config *cfg, const outbox_message *m, str *err);
/* One pass: queues the reminders due today, then delivers up to LIMIT
 * due messages, each marked sent or failed (with its next attempt) in its
 * own transaction. *sent and *failed count them. STORE_DONE when no mail
 * server is set. */
int mail_send_due(store *db, int limit, int *sent, int *failed);

/* A background sender for the server: a pass every POLL_SECONDS on its own
 * connection to organisation ORG of DB_TARGET (NULL: a SQLite file's one,
 * or on a PostgreSQL site every organisation, in turn). NULL when it
 * cannot start. */
typedef struct mail_sender mail_sender;
mail_sender *mail_sender_start(const char *db_target, const char *org, int poll_seconds);
void mail_sender_stop(mail_sender *s);

#endif
