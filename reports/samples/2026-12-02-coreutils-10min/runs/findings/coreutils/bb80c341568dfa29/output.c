exit 0
stderr empty
stdout 9
     0	

file a 0

file b 0

