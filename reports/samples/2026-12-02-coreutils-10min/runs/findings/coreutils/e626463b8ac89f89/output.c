exit 0
stderr empty
stdout 1
ë
file a 0

file b 0

