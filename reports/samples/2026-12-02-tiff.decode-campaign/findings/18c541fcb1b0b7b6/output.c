tiff 6 4 photometric 2 samples 3 bits 8
“ÿ@¸;ÿeÝ`ÿŠ…ÿ¯'ªÿÔLÏÿùqôÿ–ÿCÆ>ÿhëcÿˆÿ²5­ÿ×ZÒÿü÷ÿ!¤ÿFÉAÿkîqÿ–ÿµ8»ÿÚ]àÿÿ‚ÿ$§*ÿIÌOÿnñtÿ