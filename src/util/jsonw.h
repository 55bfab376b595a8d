/* jsonw.h - writing JSON text straight into a str, for the large reports
 * (a report of 100,000 employees is written without building a tree).
 * Numbers are written exactly as given: decimal text from integers, never
 * through floating point. */
#ifndef GP_JSONW_H
#define GP_JSONW_H
#include <stdbool.h>
#include <stdint.h>
#include "util/str.h"

#define JSONW_MAX_DEPTH 16

typedef struct jsonw {
    str *out;
    bool pretty;
    int depth;
    bool has_items[JSONW_MAX_DEPTH]; /* per open container: something written */
    char closer[JSONW_MAX_DEPTH];    /* per open container: '}' or ']' */
    bool after_key;
} jsonw;

void jw_init(jsonw *w, str *out, bool pretty);
void jw_object(jsonw *w);
void jw_array(jsonw *w);
void jw_end(jsonw *w);   /* closes the innermost object or array */
void jw_key(jsonw *w, const char *key);
void jw_string(jsonw *w, const char *s); /* NULL writes null */
void jw_int(jsonw *w, int64_t v);
void jw_bool(jsonw *w, bool v);
void jw_null(jsonw *w);
/* A whole JSON value written elsewhere (by this writer), as the next value:
 * the caller vouches for it (a trailing newline is dropped). */
void jw_raw(jsonw *w, const char *json);
/* NUM/DEN rounded half away from zero to PLACES decimals, trailing zeros
 * dropped (12.50 is written 12.5); 0 when DEN is 0. */
void jw_fraction(jsonw *w, __int128 num, __int128 den, int places);
/* True unless memory ran out or a container was left open. */
bool jw_finish(jsonw *w);

#endif
