exit 0
stderr empty
stdout 16
0 -
0 -
0 total

file a 0

file b 0

