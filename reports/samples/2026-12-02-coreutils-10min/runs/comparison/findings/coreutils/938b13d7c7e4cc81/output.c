exit 1
stderr message
stdout 8
0.000000
file a 0

file b 0

