exit 2
stderr usage
stdout 0

file a 0

file b 0

