exit 1
stderr message
stdout 2
…

file a 0

file b 0

