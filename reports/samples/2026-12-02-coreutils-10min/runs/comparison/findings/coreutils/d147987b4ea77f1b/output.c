exit 0
stderr empty
stdout 13
       

file a 0

file b 0

