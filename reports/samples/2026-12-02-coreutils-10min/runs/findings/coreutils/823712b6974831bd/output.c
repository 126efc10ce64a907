exit 0
stderr empty
stdout 3
a^’
file a 3
a^’
file b 0

