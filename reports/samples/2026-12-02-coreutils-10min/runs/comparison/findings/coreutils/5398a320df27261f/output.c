exit 1
stderr message
stdout 9
     1	s

file a 0

file b 0

