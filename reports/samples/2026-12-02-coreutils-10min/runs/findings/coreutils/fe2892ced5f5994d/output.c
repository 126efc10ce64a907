exit 1
stderr message
stdout 6
1	

file a 0

file b 0

