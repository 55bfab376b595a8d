/* crypto.h - passwords and secret tokens (libsodium). */
#ifndef GP_CRYPTO_H
#define GP_CRYPTO_H
#include <stdbool.h>
#include <stddef.h>

#define TOKEN_HEX_SIZE 65 /* 32 random bytes as hex, and a NUL */

/* Initialises libsodium; false when it cannot. Call once before the rest. */
bool crypto_start(void);
/* An argon2id hash string of PASSWORD in OUT (crypto_pwhash_STRBYTES). */
bool password_hash(const char *password, char *out, size_t n);
bool password_verify(const char *hash, const char *password);
/* A fresh random token as hex. */
void token_new(char out[TOKEN_HEX_SIZE]);
/* The hash under which a token is stored (BLAKE2b-256, hex). */
void token_hash(const char *token, char out[TOKEN_HEX_SIZE]);
/* A token derived from SECRET (a token, as its key) for PURPOSE: keyed
 * BLAKE2b-256, hex. Another purpose gives another token, and neither tells
 * SECRET. */
void token_derived(const char *secret, const char *purpose, char out[TOKEN_HEX_SIZE]);
/* Constant-time equality of two NUL-terminated secrets. */
bool secret_equal(const char *a, const char *b);

#endif
