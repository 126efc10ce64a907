vorbis channels 1 rate 8000
