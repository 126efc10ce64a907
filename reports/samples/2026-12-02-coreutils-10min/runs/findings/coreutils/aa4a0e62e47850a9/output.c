exit 1
stderr message
stdout 2
s0
file a 0

file b 0

