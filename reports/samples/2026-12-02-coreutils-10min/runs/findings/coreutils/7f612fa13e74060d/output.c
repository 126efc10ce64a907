exit 1
stderr message
stdout 48
==> standard input <==
#
==> standard input <==

file a 0

file b 0

