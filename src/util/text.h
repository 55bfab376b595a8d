/* text.h - character encodings of incoming files. */
#ifndef GP_TEXT_H
#define GP_TEXT_H
#include <stdbool.h>
#include <stddef.h>

/* True when the N bytes at S are valid UTF-8. */
bool utf8_valid(const char *s, size_t n);
/* The length (1 to 4) of the well-formed UTF-8 character that starts the N
 * bytes (N > 0) at S; 0 when they start with an ill-formed sequence, and then
 * *SKIP is the length of that sequence's longest well-formed start (at least
 * 1), the bytes Unicode replaces with one U+FFFD. A NUL byte ends a sequence,
 * so N may exceed a NUL-terminated string's rest. */
size_t utf8_char_len(const char *s, size_t n, size_t *skip);
/* A new UTF-8 copy (malloc, NUL-terminated) of N bytes of Windows-1252 text,
 * the encoding Excel gives a 'CSV' saved on a Belgian Windows; its length in
 * *out_len. NULL when out of memory. */
char *cp1252_to_utf8(const char *s, size_t n, size_t *out_len);

#endif
