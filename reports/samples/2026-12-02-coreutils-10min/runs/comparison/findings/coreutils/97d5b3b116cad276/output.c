exit 1
stderr message
stdout 1
c
file a 0

file b 0

