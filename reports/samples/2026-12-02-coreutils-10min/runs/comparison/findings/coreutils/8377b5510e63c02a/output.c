exit 1
stderr message
stdout 2
d

file a 0

file b 0

