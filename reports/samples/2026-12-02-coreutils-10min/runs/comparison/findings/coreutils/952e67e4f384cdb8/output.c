exit 0
stderr empty
stdout 5
     
file a 0

file b 0

