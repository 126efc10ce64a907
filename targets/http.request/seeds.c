/*
 * Seed corpus for http.request, made at build time by our code: request
 * lines over http-parser's method list and both HTTP/1.x versions, with
 * header sections that exercise the grammar (empty values, surrounding
 * whitespace, many headers, bare LF line ends, bodies after the headers).
 * Usage: duet_seeds_http_request OUTDIR
 */
#include <stdio.h>
#include <string.h>

#include "duet/seedkit.h"

static const char *const methods[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH",
                                      "CONNECT", "TRACE", "PROPFIND", "MKCOL", "PURGE", "SEARCH"};
static const char *const targets[] = {"/", "/index.html?q=1&r=%20x#frag", "*", "http://example.com:8080/a/b",
                                      "example.com:443", "/%7Euser/;p=1"};
static const char *const header_sets[] = {
    "",
    "Host: example.com\r\n",
    "Host: example.com\r\nUser-Agent: duet/1.0\r\nAccept: */*\r\n",
    "Content-Length: 5\r\nContent-Type: text/plain\r\n",
    "Transfer-Encoding: chunked\r\n",
    "X-Empty:\r\nX-Spaces:   padded value  \r\nX-Tab:\tv\r\n",
    "Connection: Upgrade\r\nUpgrade: websocket\r\n",
    "Cookie: a=b; c=d\r\nCookie: e=f\r\n",
};
static const char *const bodies[] = {"", "hello", "5\r\nhello\r\n0\r\n\r\n"};

static int write_seed(const char *dir, int n, const char *text) {
  return duet_seed_writef(dir, text, strlen(text), "seed-%03d.http", n);
}

int main(int argc, char **argv) {
  const char *dir = duet_seed_dir(argc, argv);
  if (!dir) return 2;
  char text[2048];
  int n = 0;
  size_t nm = sizeof methods / sizeof methods[0], nt = sizeof targets / sizeof targets[0];
  size_t nh = sizeof header_sets / sizeof header_sets[0];
  for (size_t i = 0; i < nm * 2; i++) {
    const char *headers = header_sets[i % nh];
    snprintf(text, sizeof text, "%s %s HTTP/1.%d\r\n%s\r\n%s", methods[i % nm], targets[i % nt], (int)(i & 1),
             headers, bodies[i % 3]);
    if (write_seed(dir, n++, text) != 0) return 1;
  }
  /* Bare LF line ends, as both parsers tolerate. */
  if (write_seed(dir, n++, "GET /lf HTTP/1.1\nHost: a\n\n") != 0) return 1;
  printf("seeds: wrote %d HTTP requests to %s\n", n, dir);
  return 0;
}
