exit 1
stderr message
stdout 1
ô
file a 0

file b 1
ô
