exit 0
stderr empty
stdout 6
еееее

file a 0

file b 0

