/* settings.h - the organisation settings groeipad knows, their defaults and
 * what values they accept. */
#ifndef GP_CORE_SETTINGS_H
#define GP_CORE_SETTINGS_H
#include <stdbool.h>
#include <stdint.h>
#include "util/str.h"

typedef struct setting_def {
    const char *key;
    const char *fallback;    /* shown when unset; NULL: computed or empty */
    const char *description; /* a message id */
} setting_def;

extern const setting_def setting_defs[]; /* ends with a zero entry */

/* The most characters an organisation's name may have: its `name` setting,
 * and on a site the registry's name, which is the same (site_rename_org). */
#define ORG_NAME_MAX 200

const setting_def *setting_find(const char *key);
/* Checks VALUE for KEY and writes its stored form into OUT; false with a
 * message id in *error when it is not acceptable. */
bool setting_normalize(const char *key, const char *value, str *out, const char **error);

/* Setting KEY as a decimal with SCALE places: VALUE (the stored text, or
 * NULL when unset) when it is a number, else KEY's default from
 * setting_defs; -1 when there is neither (a setting computed when unset). */
int64_t setting_decimal(const char *key, const char *value, int scale);

#endif
