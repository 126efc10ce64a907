exit 1
stderr usage
stdout 0

file a 0

file b 0

