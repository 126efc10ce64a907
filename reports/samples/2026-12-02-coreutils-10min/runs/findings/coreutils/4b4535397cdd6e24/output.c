exit 0
stderr empty
stdout 1
²
file a 0

file b 0

