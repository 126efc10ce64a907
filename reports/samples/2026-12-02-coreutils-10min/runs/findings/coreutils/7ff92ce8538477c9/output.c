exit 0
stderr empty
stdout 49
==> standard input <==
1#
==> standard input <==

file a 0

file b 0

