exit 0
stderr empty
stdout 2
Æ

file a 0

file b 0

