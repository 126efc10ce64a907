exit 1
stderr message
stdout 3
-00
file a 0

file b 0

