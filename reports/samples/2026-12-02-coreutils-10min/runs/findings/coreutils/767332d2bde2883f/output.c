exit 1
stderr message
stdout 12
0 -
0 total

file a 0

file b 0

