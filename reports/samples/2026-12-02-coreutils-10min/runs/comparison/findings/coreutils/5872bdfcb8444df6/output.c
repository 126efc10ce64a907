exit 0
stderr empty
stdout 4
1 3

file a 0

file b 0

