exit 0
stderr empty
stdout 7
.t
..f

file a 0

file b 0

