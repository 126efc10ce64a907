exit 0
stderr message
stdout 1
ÿ
file a 0

file b 0

