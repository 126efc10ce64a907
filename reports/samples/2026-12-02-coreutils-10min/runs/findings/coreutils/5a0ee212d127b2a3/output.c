exit 0
stderr empty
stdout 1
ª
file a 0

file b 0

