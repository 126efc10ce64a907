exit 0
stderr empty
stdout 48
0000000  000146
               1.43e-43
0000001

file a 0

file b 0

