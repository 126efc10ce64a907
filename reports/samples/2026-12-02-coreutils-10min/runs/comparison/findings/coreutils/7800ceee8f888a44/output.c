exit 1
stderr message
stdout 3
ÿ”

file a 3
ÿ”

file b 0

