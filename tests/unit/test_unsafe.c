/* The unsafe counter skips comments, strings and lifetimes, and tells kinds apart. */
#include "check.h"
#include "duet/unsafe_surface.h"

static struct duet_unsafe_counts scan(const char *text) {
  struct duet_unsafe_counts c = {0};
  duet_unsafe_scan_text(text, strlen(text), &c);
  return c;
}

int main(void) {
  struct duet_unsafe_counts c = scan("fn f(p: *const u8) -> u8 { unsafe { *p } }\n"
                                     "pub unsafe fn g() {}\n"
                                     "pub unsafe extern \"C\" fn h() {}\n"
                                     "unsafe impl Send for X {}\n"
                                     "unsafe trait T {}\n"
                                     "fn k() { unsafe /* why */ { } }\n");
  CHECK_EQ_INT(c.blocks, 2);
  CHECK_EQ_INT(c.functions, 2);
  CHECK_EQ_INT(c.impls, 1);
  CHECK_EQ_INT(c.traits, 1);

  c = scan("// unsafe { in a comment }\n"
           "/* unsafe fn in /* a nested */ block comment unsafe {} */\n"
           "let s = \"unsafe { in a string \\\" still }\";\n"
           "let r = r#\"unsafe { raw \"quoted\" }\"#;\n"
           "fn l<'a>(x: &'a str) -> char { 'u' }\n"
           "let not_unsafe_ident = unsafe_code; #![forbid(unsafe_code)]\n");
  CHECK_EQ_INT(c.blocks + c.functions + c.impls + c.traits, 0);

  c = scan("fn l<'a>(x: &'a u8) { unsafe { } }");
  CHECK_EQ_INT(c.blocks, 1); /* a lifetime is not a char literal that hides code */
  CHECK_DONE();
}
