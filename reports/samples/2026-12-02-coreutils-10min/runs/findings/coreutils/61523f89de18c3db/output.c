exit 0
stderr empty
stdout 10
      1 »

file a 1
»
file b 0

