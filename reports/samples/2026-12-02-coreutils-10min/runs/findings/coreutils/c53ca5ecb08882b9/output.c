exit 1
stderr message
stdout 28
0 0 0 -
0 0 0 a
0 0 0 total

file a 0

file b 0

