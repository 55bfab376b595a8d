#!/usr/bin/env python3
"""Compile files into a C source: embed.py OUT.c SYMBOL FILE...

Writes an array SYMBOL of `struct embedded_file {name, data, len}`, named by
each file's base name and sorted by it, ending in a zero entry, so that the
binary needs no files beside it at run time."""
import os
import sys


def main():
    out, symbol, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
    files = sorted((os.path.basename(p), p) for p in paths)
    lines = ['#include "util/embed.h"', '']
    entries = []
    for i, (name, path) in enumerate(files):
        with open(path, 'rb') as f:
            data = f.read()
        body = ','.join(str(b) for b in data)
        lines.append(f'static const unsigned char {symbol}_{i}[] = {{{body}{"," if data else ""}0}};')
        entries.append(f'    {{"{name}", {symbol}_{i}, {len(data)}}},')
    lines.append(f'const struct embedded_file {symbol}[] = {{')
    lines.extend(entries)
    lines.append('    {0, 0, 0},')
    lines.append('};')
    with open(out, 'w') as f:
        f.write('\n'.join(lines) + '\n')


main()
