exit 1
stderr message
stdout 8
       

file a 1


file b 0

