exit 0
stderr empty
stdout 1
e
file a 0

file b 0

