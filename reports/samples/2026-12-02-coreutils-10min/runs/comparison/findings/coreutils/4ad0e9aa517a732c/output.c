exit 0
stderr empty
stdout 2
1

file a 0

file b 0

