exit 1
stderr message
stdout 11
       

file a 0

file b 0

