exit 0
stderr empty
stdout 8
0000000

file a 0

file b 0

