exit 0
stderr empty
stdout 1
0
file a 0

file b 0

