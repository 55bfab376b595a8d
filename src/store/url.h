/* url.h - a PostgreSQL site's address and what libpq says of it, shown
 * without its password (store_redact_target in store.h is the other half).
 * Inside store/ only. */
#ifndef GP_STORE_URL_H
#define GP_STORE_URL_H
#include <stdbool.h>
#include "util/str.h"

/* True when libpq can read URL; otherwise false with ERR saying why, the
 * URL and libpq's reason both without the password (libpq quotes the part
 * it could not read, which may be the password or a piece of it). */
bool pg_url_check(const char *url, str *err);
/* Appends libpq's MESSAGE about TARGET to OUT (without its closing
 * newline), every double-quoted part of it that holds one of TARGET's
 * passwords, or a piece of one not shown anyway, replaced by "***". */
void pg_redact_message(const char *target, const char *message, str *out);

#endif
