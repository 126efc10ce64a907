exit 0
stderr empty
stdout 20
0000000 213
0000001

file a 0

file b 0

