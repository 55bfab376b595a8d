/* text.h - character encodings of incoming files. */
#ifndef GP_TEXT_H
#define GP_TEXT_H
#include <stdbool.h>
#include <stddef.h>

/* True when the N bytes at S are valid UTF-8. */
bool utf8_valid(const char *s, size_t n);
/* A new UTF-8 copy (malloc, NUL-terminated) of N bytes of Windows-1252 text,
 * the encoding Excel gives a 'CSV' saved on a Belgian Windows; its length in
 * *out_len. NULL when out of memory. */
char *cp1252_to_utf8(const char *s, size_t n, size_t *out_len);

#endif
