/* pw_memo.c - a memory of the password checks an integration test has
 * already seen succeed, linked into each integration test with
 * -Wl,--wrap=crypto_pwhash_str_verify (tests/meson.build).
 *
 * Checking a password costs an argon2id hash with groeipad's own parameters
 * (64 MiB, about 0.2 s of a core), and the suites log the same demo people in
 * on the same stored hashes again and again: most of the time of a web suite
 * went to checking "demo-admin" once more. Whether PASSWORD matches the hash
 * string HASH depends on those two alone (the salt and the parameters are in
 * HASH), so a pair that was checked by libsodium once and matched gives the
 * same answer from memory. Only matches are kept: a wrong password, a changed
 * password (a new hash with a new salt) or a hash that was never checked
 * still goes to libsodium every time. groeipad's own code and parameters are
 * unchanged: every first check of a hash is the real one. */
#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <sodium.h>

int __real_crypto_pwhash_str_verify(const char *hash, const char *password,
                                    unsigned long long password_len);
int __wrap_crypto_pwhash_str_verify(const char *hash, const char *password,
                                    unsigned long long password_len);

enum { MEMO_SLOTS = 256, MEMO_PASSWORD_MAX = 128 };

/* One password that matched one hash string. */
typedef struct memo_entry {
    char hash[crypto_pwhash_STRBYTES];
    char password[MEMO_PASSWORD_MAX];
    size_t password_len;
} memo_entry;

static memo_entry memo[MEMO_SLOTS];
static int memo_used, memo_next;
static pthread_mutex_t memo_lock = PTHREAD_MUTEX_INITIALIZER;

/* True when HASH and PASSWORD fit a slot (longer ones are never kept). */
static bool memo_fits(const char *hash, unsigned long long password_len)
{
    return strnlen(hash, crypto_pwhash_STRBYTES) < crypto_pwhash_STRBYTES &&
           password_len <= MEMO_PASSWORD_MAX;
}

/* True when the pair was checked before and matched; call under memo_lock. */
static bool memo_find(const char *hash, const char *password, unsigned long long password_len)
{
    for (int i = 0; i < memo_used; i++)
        if (memo[i].password_len == password_len && strcmp(memo[i].hash, hash) == 0 &&
            memcmp(memo[i].password, password, (size_t)password_len) == 0)
            return true;
    return false;
}

/* Keeps a pair that matched, over the oldest when every slot is taken. */
static void memo_keep(const char *hash, const char *password, unsigned long long password_len)
{
    memo_entry *e = &memo[memo_next];
    memcpy(e->hash, hash, strlen(hash) + 1);
    memcpy(e->password, password, (size_t)password_len);
    e->password_len = (size_t)password_len;
    memo_next = (memo_next + 1) % MEMO_SLOTS;
    if (memo_used < MEMO_SLOTS)
        memo_used++;
}

/* crypto_pwhash_str_verify as libsodium has it: 0 when PASSWORD matches
 * HASH, -1 otherwise; a match checked before is answered from memory. */
int __wrap_crypto_pwhash_str_verify(const char *hash, const char *password,
                                    unsigned long long password_len)
{
    if (!memo_fits(hash, password_len))
        return __real_crypto_pwhash_str_verify(hash, password, password_len);
    pthread_mutex_lock(&memo_lock);
    bool known = memo_find(hash, password, password_len);
    pthread_mutex_unlock(&memo_lock);
    if (known)
        return 0;
    int rc = __real_crypto_pwhash_str_verify(hash, password, password_len);
    if (rc == 0) {
        pthread_mutex_lock(&memo_lock);
        if (!memo_find(hash, password, password_len))
            memo_keep(hash, password, password_len);
        pthread_mutex_unlock(&memo_lock);
    }
    return rc;
}
