exit 0
stderr empty
stdout 2
0ë
file a 0

file b 0

