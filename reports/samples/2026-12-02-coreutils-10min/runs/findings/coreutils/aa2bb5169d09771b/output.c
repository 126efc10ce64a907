exit 0
stderr empty
stdout 2
õ

file a 0

file b 0

