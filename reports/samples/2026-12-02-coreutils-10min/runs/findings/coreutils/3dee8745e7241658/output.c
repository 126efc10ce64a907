exit 0
stderr empty
stdout 76
file n -p# ree
foumtaragr)))))))))))))))))))))))))))))))))))))))))))))))))a

file a 0

file b 0

