/* crypto.c - see crypto.h. */
#include "util/crypto.h"
#include <sodium.h>
#include <string.h>

bool crypto_start(void)
{
    return sodium_init() >= 0;
}

bool password_hash(const char *password, char *out, size_t n)
{
    if (n < crypto_pwhash_STRBYTES)
        return false;
    return crypto_pwhash_str_alg(out, password, strlen(password),
                                 crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                 crypto_pwhash_MEMLIMIT_INTERACTIVE,
                                 crypto_pwhash_ALG_ARGON2ID13) == 0;
}

bool password_verify(const char *hash, const char *password)
{
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void token_new(char out[TOKEN_HEX_SIZE])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(out, TOKEN_HEX_SIZE, raw, sizeof raw);
}

void token_hash(const char *token, char out[TOKEN_HEX_SIZE])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, TOKEN_HEX_SIZE, h, sizeof h);
}

void token_derived(const char *secret, const char *purpose, char out[TOKEN_HEX_SIZE])
{
    unsigned char h[32];
    size_t keylen = strlen(secret);
    if (keylen > crypto_generichash_KEYBYTES_MAX)
        keylen = crypto_generichash_KEYBYTES_MAX; /* a key is at most 64 bytes */
    crypto_generichash(h, sizeof h, (const unsigned char *)purpose, strlen(purpose),
                       (const unsigned char *)secret, keylen);
    sodium_bin2hex(out, TOKEN_HEX_SIZE, h, sizeof h);
}

bool secret_equal(const char *a, const char *b)
{
    size_t n = strlen(a);
    return n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}
