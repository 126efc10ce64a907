exit 0
stderr empty
stdout 9
     1	ì

file a 0

file b 0

