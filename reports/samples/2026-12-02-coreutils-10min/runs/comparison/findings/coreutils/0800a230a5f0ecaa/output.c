exit 1
stderr message
stdout 56
0000000 353 353  \n   6
          2.0700925e-06
0000004

file a 0

file b 0

