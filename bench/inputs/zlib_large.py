#!/usr/bin/env python3
"""Writes large zlib streams for `duet bench zlib.inflate`: the seed corpus is
fuzz-sized (at most ~2 KiB), so its "large" class says nothing about
throughput on real streams. Three sizes of output (64 KiB, 1 MiB, 4 MiB), each
as text-like data at level 6 and 1 and as structured binary at level 6.
Deterministic: a fixed PRNG, and Python's zlib module is the system zlib.

usage: zlib_large.py CORPORA_DIR   (writes CORPORA_DIR/zlib.inflate/bench/*.zz)
then:  duet bench zlib.inflate --corpora CORPORA_DIR --seeds /nonexistent
"""
import os
import random
import sys
import zlib

WORDS = ("the of and to in is that for it as with was on be by this are from or have not but an at which "
         "compress stream window block huffman literal length distance symbol table code tree adler checksum "
         "buffer output input decoder encoder header trailer error state memory pointer rust safety").split()


def text(rng, size):
    out, n = [], 0
    while n < size:
        line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14))) + ".\n"
        out.append(line)
        n += len(line)
    return "".join(out).encode()[:size]


def binary(rng, size):
    # Records of small integers and a few random bytes: compressible, not text.
    out = bytearray()
    counter = 0
    while len(out) < size:
        counter += rng.randint(1, 3)
        out += counter.to_bytes(4, "little") + bytes([rng.randint(0, 15)] * rng.randint(1, 8)) + rng.randbytes(2)
    return bytes(out[:size])


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    folder = os.path.join(sys.argv[1], "zlib.inflate", "bench")
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(2024)
    for size in (64 << 10, 1 << 20, 4 << 20):
        for kind, make, level in (("text", text, 6), ("text-l1", text, 1), ("binary", binary, 6)):
            with open(os.path.join(folder, f"{size >> 10}k-{kind}.zz"), "wb") as f:
                f.write(zlib.compress(make(rng, size), level))
    print(f"wrote 9 streams to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
