#!/usr/bin/env python3
"""Caps a minimised corpus at N files, keeping the most coverage.

`cargo fuzz cmin` keeps every input that adds a feature, which is often over a thousand files.
This runs libFuzzer's merge once more to learn the features of each input (from its control
file), then picks inputs greedily: each time the one adding the most features not yet covered
(the smaller on a tie), until N are chosen or nothing more is added. The others are deleted.

    python3 fuzz/cap-corpus.py <target> [N]      # from the repository root; N defaults to 300
"""
import os
import subprocess
import sys
import tempfile

target = sys.argv[1]
cap = int(sys.argv[2]) if len(sys.argv) > 2 else 300
fuzz = os.path.dirname(os.path.abspath(__file__))
binary = os.path.join(fuzz, "target", "x86_64-unknown-linux-gnu", "release", target)
corpus = os.path.join(fuzz, "corpus", target)

with tempfile.TemporaryDirectory() as tmp:
    control = os.path.join(tmp, "control")
    out = os.path.join(tmp, "out")
    os.mkdir(out)
    subprocess.run(
        [binary, "-merge=1", "-use_counters=0", "-merge_control_file=" + control, "-rss_limit_mb=2048", out, corpus],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    lines = open(control).read().splitlines()

count = int(lines[0])
files = lines[2 : 2 + count]
features = {}
for line in lines[2 + count :]:
    parts = line.split()
    if parts and parts[0] == "FT":
        features[int(parts[1])] = set(map(int, parts[2:]))

everything = set().union(*features.values())
covered, chosen = set(), []
while len(chosen) < cap:
    best = max(
        features,
        key=lambda i: (len(features[i] - covered), -os.path.getsize(files[i])),
        default=None,
    )
    if best is None or not features[best] - covered:
        break
    covered |= features.pop(best)
    chosen.append(files[best])

keep = set(chosen)
for f in files:
    if f not in keep:
        os.remove(f)
print(f"{target}: kept {len(chosen)} of {count} inputs, {len(covered)} of {len(everything)} features")
