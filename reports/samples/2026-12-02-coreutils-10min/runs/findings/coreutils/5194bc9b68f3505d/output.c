exit 0
stderr empty
stdout 2
Î

file a 0

file b 0

