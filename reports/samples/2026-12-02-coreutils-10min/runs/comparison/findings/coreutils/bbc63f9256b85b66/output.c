exit 1
stderr message
stdout 36
     1	
     2	--
     3	
     4	--

file a 3

--
file b 0

