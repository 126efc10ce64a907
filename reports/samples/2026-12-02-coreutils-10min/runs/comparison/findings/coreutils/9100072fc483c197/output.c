exit 0
stderr empty
stdout 20
0000002 270
0000003

file a 0

file b 0

