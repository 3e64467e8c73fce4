#!/usr/bin/env python3
"""Sorts the failed tasks of eval-matrix.sh results (JSON written with --steps) by what went wrong.

A failed task either observed the expected value (a calculator result within 1 %, or handbook text containing the
expected text) and answered something else, called the right tool without any observation holding the value (a wrong
input), or never called the right tool. Usage: failure-kinds.py RESULTS.json [MORE.json ...]
"""
import collections
import json
import sys


def holds(observation, expected, calculator):
    if calculator:
        try:
            value = float(observation.split(': ', 1)[1])
            return abs(value - float(expected)) <= 0.01 * abs(float(expected))
        except (IndexError, ValueError):
            return False
    return expected in observation


def kinds(paths):
    counts = collections.Counter()
    for path in paths:
        with open(path) as f:
            for run in json.load(f)['runs']:
                for case in run['report']['cases']:
                    if case['passed']:
                        counts['solved'] += 1
                        continue
                    calculator = case['id'].startswith('calc')
                    tool = 'calculator' if calculator else 'search_handbook'
                    steps = case['steps']
                    if any(holds(s, case['expected'], calculator) for s in steps if s.startswith('Observation')):
                        counts['observed the value, answered something else'] += 1
                    elif any(s.startswith('Action: ' + tool + ' ') for s in steps):
                        counts['right tool, wrong input'] += 1
                    else:
                        counts['never called the right tool'] += 1
    return counts


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit('usage: failure-kinds.py RESULTS.json [MORE.json ...]')
    for kind, n in kinds(sys.argv[1:]).most_common():
        print(f'{n:4d}  {kind}')
