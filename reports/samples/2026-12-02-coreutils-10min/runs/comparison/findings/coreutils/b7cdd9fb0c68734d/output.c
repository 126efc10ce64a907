exit 1
stderr message
stdout 2
h

file a 2
h

file b 0

