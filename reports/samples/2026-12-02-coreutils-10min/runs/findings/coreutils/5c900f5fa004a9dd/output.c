exit 0
stderr empty
stdout 11
onfour
fi~

file a 0

file b 0

