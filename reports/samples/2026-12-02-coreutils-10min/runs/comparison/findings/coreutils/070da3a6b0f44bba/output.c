exit 1
stderr message
stdout 8
0 total

file a 0

file b 0

