exit 1
stderr message
stdout 1
a
file a 1
a
file b 0

