/* settings.h - the organisation settings groeipad knows, their defaults and
 * what values they accept. */
#ifndef GP_CORE_SETTINGS_H
#define GP_CORE_SETTINGS_H
#include <stdbool.h>
#include "util/str.h"

typedef struct setting_def {
    const char *key;
    const char *fallback;    /* shown when unset; NULL: computed or empty */
    const char *description; /* a message id */
} setting_def;

extern const setting_def setting_defs[]; /* ends with a zero entry */

const setting_def *setting_find(const char *key);
/* Checks VALUE for KEY and writes its stored form into OUT; false with a
 * message id in *error when it is not acceptable. */
bool setting_normalize(const char *key, const char *value, str *out, const char **error);

#endif
