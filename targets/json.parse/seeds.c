/*
 * Seed corpus for json.parse, made at build time: hand-written documents that
 * reach each part of the grammar (and the edges where cJSON and serde_json
 * are known to differ), each also re-printed by cJSON's own printers, pretty
 * and compact, so the fuzzer starts from both layouts.
 * Usage: duet_seeds_json_parse OUTDIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"

#include "duet/seedkit.h"

static const char *const documents[] = {
    "null", "true", "false", "0", "-0", "1", "-1", "3.14159", "1e10", "-2.5E-3", "1.7976931348623157e308",
    "5e-324", "9007199254740993", "18446744073709551616", "123456789012345678901234567890",
    "0.1", "[]", "{}", "\"\"", "\"plain\"", "\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t\"",
    "\"\\u00e9\\u4e2d\\ud83d\\ude00\"", "\"caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80\"",
    "[1,2,3]", "[[],[[]],{}]", "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}",
    "{\"z\":1,\"a\":2,\"m\":3}", "{\"k\":1,\"k\":2}", " \t\r\n[ 1 , 2 ] \n",
    "{\"nested\":{\"deeper\":{\"deepest\":[0,1.5,-2e-5,\"x\"]}}}",
    "[\"\\u0000\"]", "{\"\":\"\"}", "[1.0,1.50,100e-2,0.0001]",
};

static int write_seed(const char *dir, int n, const char *text) {
  return duet_seed_writef(dir, text, strlen(text), "seed-%03d.json", n);
}

int main(int argc, char **argv) {
  const char *dir = duet_seed_dir(argc, argv);
  if (!dir) return 2;
  int n = 0;
  for (size_t i = 0; i < sizeof documents / sizeof documents[0]; i++) {
    if (write_seed(dir, n++, documents[i]) != 0) return 1;
    cJSON *tree = cJSON_Parse(documents[i]);
    if (!tree) continue;
    char *pretty = cJSON_Print(tree), *compact = cJSON_PrintUnformatted(tree);
    int failed = (pretty && write_seed(dir, n++, pretty) != 0) ||
                 (compact && write_seed(dir, n++, compact) != 0);
    free(pretty);
    free(compact);
    cJSON_Delete(tree);
    if (failed) return 1;
  }
  printf("seeds: wrote %d JSON documents to %s\n", n, dir);
  return 0;
}
