exit 1
stderr message
stdout 3
0-0
file a 0

file b 0

