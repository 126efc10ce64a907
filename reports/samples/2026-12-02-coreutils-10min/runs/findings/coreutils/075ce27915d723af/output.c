exit 0
stderr empty
stdout 2
ÿ

file a 0

file b 0

