exit 1
stderr message
stdout 1
0
file a 0

file b 0

