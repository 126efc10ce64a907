#!/usr/bin/env python3
"""Validates JSON files against a duet schema with python3-jsonschema.

usage: validate_schema.py SCHEMA FILE...   exit 0: all valid; 1: one is not (each error printed)."""
import json
import sys

import jsonschema


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1]) as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    failed = 0
    for path in sys.argv[2:]:
        with open(path) as f:
            document = json.load(f)
        for error in validator.iter_errors(document):
            failed += 1
            where = "/".join(str(p) for p in error.absolute_path)
            print(f"{path}: {where}: {error.message}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
