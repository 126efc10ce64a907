exit 0
stderr empty
stdout 4
0 1

file a 0

file b 0

