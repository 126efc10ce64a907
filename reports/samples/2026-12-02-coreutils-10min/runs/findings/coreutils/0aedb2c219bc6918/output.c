exit 0
stderr empty
stdout 2
Û

file a 0

file b 0

