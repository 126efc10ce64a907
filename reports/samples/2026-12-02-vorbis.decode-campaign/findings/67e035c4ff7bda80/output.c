vorbis channels 2 rate 48000
