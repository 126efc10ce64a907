exit 0
stderr empty
stdout 2
Š

file a 0

file b 0

