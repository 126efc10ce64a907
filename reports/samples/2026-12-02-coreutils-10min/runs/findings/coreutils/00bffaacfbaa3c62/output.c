exit 0
stderr message
stdout 0

file a 0

file b 0

