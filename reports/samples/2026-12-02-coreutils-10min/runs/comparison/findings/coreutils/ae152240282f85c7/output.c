exit 0
stderr empty
stdout 2
ç

file a 0

file b 0

