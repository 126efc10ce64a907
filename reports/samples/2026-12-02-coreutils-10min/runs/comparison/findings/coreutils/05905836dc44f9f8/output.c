exit 0
stderr empty
stdout 7
000000

file a 0

file b 0

