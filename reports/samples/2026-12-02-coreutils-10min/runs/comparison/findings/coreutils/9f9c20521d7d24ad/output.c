exit 0
stderr empty
stdout 3

-

file a 0

file b 0

