/* text.h - character encodings of incoming files. */
#ifndef GP_TEXT_H
#define GP_TEXT_H
#include <stdbool.h>
#include <stddef.h>
#include "util/str.h"

/* The value of the hexadecimal digit C (0-9, a-f, A-F), or -1. */
int hex_digit_value(char c);
/* True when the N bytes at S are valid UTF-8. */
bool utf8_valid(const char *s, size_t n);
/* The length (1 to 4) of the well-formed UTF-8 character that starts the N
 * bytes (N > 0) at S; 0 when they start with an ill-formed sequence, and then
 * *SKIP is the length of that sequence's longest well-formed start (at least
 * 1), the bytes Unicode replaces with one U+FFFD. A NUL byte ends a sequence,
 * so N may exceed a NUL-terminated string's rest. */
size_t utf8_char_len(const char *s, size_t n, size_t *skip);
/* How many of the N bytes of UTF-8 at S to show when at most MAX fit: N, or
 * fewer, ending before a character that starts at or after byte MAX (never
 * inside one). *CUT (when not NULL) says whether bytes were left out, for a
 * "…" after them. */
size_t utf8_prefix(const char *s, size_t n, size_t max, bool *cut);
/* True when NAME can name something people see in a list (an
 * organisation, a community): 1 to MAX_CHARS characters of UTF-8, none a
 * control character (C0, DEL or C1: lists separate columns by a tab and
 * lines by a newline), and not only spaces. */
bool text_is_name(const char *name, size_t max_chars);
/* A copy (malloc, NUL-terminated) of the N bytes at S with every ill-formed
 * sequence replaced by U+FFFD (and NUL bytes left out): text stored before
 * the input was checked, made fit for JSON. Its length in *out_len (when
 * not NULL); NULL when out of memory. */
char *utf8_repair(const char *s, size_t n, size_t *out_len);
/* A new UTF-8 copy (malloc, NUL-terminated) of N bytes of Windows-1252 text,
 * the encoding Excel gives a 'CSV' saved on a Belgian Windows; its length in
 * *out_len. NULL when out of memory. */
char *cp1252_to_utf8(const char *s, size_t n, size_t *out_len);

/* The key under which a name (a department, a function) matches the names
 * that differ from it only in letter case and surrounding spaces: the N
 * bytes of UTF-8 at NAME without leading and trailing spaces, tabs and
 * no-break spaces (U+00A0, which Excel cells carry), with A-Z and the
 * capitals of Latin-1 (U+00C0-U+00DE but U+00D7) lowered, so "Logistiek "
 * and "logistiek", "EXPÉDITION" and "Expédition" share a key. Other
 * characters, and spaces inside the name, stay as they are. Replaces what
 * OUT held; false when out of memory. */
bool text_name_key(const char *name, size_t n, str *out);

/* The word of CHOICES (NULL-terminated) that WORD was most likely meant to
 * be: at most two edits away (a letter added, left out, changed, or two
 * swapped), and fewer than half its letters; NULL when none is. For "did you
 * mean" after a mistyped command or option. */
const char *text_closest(const char *word, const char *const *choices);

#endif
