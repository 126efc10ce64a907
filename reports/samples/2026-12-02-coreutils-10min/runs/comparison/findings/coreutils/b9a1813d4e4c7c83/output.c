exit 1
stderr message
stdout 1
a
file a 0

file b 0

