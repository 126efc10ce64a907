exit 0
stderr empty
stdout 32
0000000        1.47e-43
0000001

file a 0

file b 0

