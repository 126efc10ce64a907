exit 0
stderr empty
stdout 0

file a 0

file b 0

