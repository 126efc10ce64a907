exit 0
stderr empty
stdout 25
       
       
     1	y

file a 0

file b 0

