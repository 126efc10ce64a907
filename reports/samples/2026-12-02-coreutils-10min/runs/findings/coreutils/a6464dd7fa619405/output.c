exit 1
stderr usage
stdout 0

file a 1
a
file b 0

