pabcdefgh d o
