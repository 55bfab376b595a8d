/* compress.h - the last step of every response before it goes out: a 304
 * when the client already holds it (ETag), gzip when the client asks for it,
 * and memory handed back to the system after large answers. */
#ifndef GP_WEB_COMPRESS_H
#define GP_WEB_COMPRESS_H
#include <stdbool.h>
#include <stddef.h>
#include "web/http.h"

/* Bodies smaller than this are sent as they are: gzip would gain little. */
#define GZIP_MIN_BYTES 1024

/* True when ACCEPT_ENCODING (an Accept-Encoding header, or NULL) allows gzip. */
bool accepts_gzip(const char *accept_encoding);
/* True when IF_NONE_MATCH (an If-None-Match header, or NULL) names ETAG. */
bool etag_matches(const char *if_none_match, const char *etag);
/* True for the content types worth compressing: HTML, JSON, CSV, CSS, SVG. */
bool compressible(const char *content_type);
/* Appends the gzip form of DATA (LEN bytes) to OUT; false when out of
 * memory or zlib fails (OUT then holds an unusable partial result). */
bool gzip_compress(const char *data, size_t len, str *out);
/* Makes RESP ready to send for REQ: 304 without a body when RESP carries an
 * ETag the client sent in If-None-Match, the body gzipped when the client
 * accepts gzip and it is worth it. Called once per response, by server.c. */
void response_prepare(const request *req, response *resp);
/* The MHD response for RESP's file gzipped as MHD reads it (chunked, no
 * length known beforehand), so a large download is packed without holding
 * it in memory; NULL when it cannot be made. */
struct MHD_Response *gzip_file_response(FILE *file);
/* After a response of BYTES bytes has been handed over: large answers give
 * their freed memory back to the system, so the idle server stays small. */
void response_done(store *db, size_t bytes);

#endif
