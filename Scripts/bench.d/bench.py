#!/usr/bin/env python3
"""Runs pubsync benchmark scenarios against a release build and prints medians."""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = 'timezone = "Asia/Shanghai"\n[store]\npath = "pubsync.db"\n'


def run(binary, args, cwd, env=None):
    """Runs pubsync; returns (seconds, peak RSS in MB of that child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run([os.path.join(binary, "pubsync"), *args], cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0,):
        sys.exit(f"pubsync {' '.join(args)} failed ({proc.returncode}): {proc.stderr.strip()}")
    # ru_maxrss of children is the max over all waited-for children; measure with /usr/bin/time instead when it grows.
    return elapsed, proc


def timed(binary, args, cwd):
    """Runs pubsync under /usr/bin/time -v; returns (seconds, peak RSS MB, stdout)."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-v", os.path.join(binary, "pubsync"), *args], cwd=cwd,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"pubsync {' '.join(args)} failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
    rss = 0
    for line in proc.stderr.splitlines():
        if "Maximum resident set size" in line:
            rss = int(line.split(":")[1]) / 1024
    return elapsed, rss, proc.stdout


def fresh_workspace(root, name):
    path = os.path.join(root, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    with open(os.path.join(path, "pubsync.toml"), "w") as f:
        f.write(CONFIG)
    return path


def scenario_import(args, root):
    n = args.n
    print(f"## import: {n} generated items (~2 KB each)")
    ndjson = os.path.join(root, f"items-{n}.ndjson")
    mddir = os.path.join(root, f"items-{n}-md")
    if not os.path.exists(ndjson):
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(n), ndjson], check=True)
    if not os.path.exists(mddir):
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(n), mddir, "--format", "md"], check=True)
    for label, source in (("ndjson", ndjson), ("markdown", mddir)):
        rates, peaks = [], []
        for _ in range(args.runs):
            ws = fresh_workspace(root, "ws-import")
            subprocess.run([os.path.join(args.bin, "pubsync"), "init"], cwd=ws, check=True, stdout=subprocess.DEVNULL)
            seconds, rss, _ = timed(args.bin, ["import", source], ws)
            rates.append(n / seconds)
            peaks.append(rss)
        print(f"import {label:8s}: median {statistics.median(rates):>9,.0f} items/s "
              f"(runs: {', '.join(f'{r:,.0f}' for r in rates)}), peak RSS median {statistics.median(peaks):.0f} MB")
    # Re-import of the unchanged set: the idempotent path.
    seconds, rss, _ = timed(args.bin, ["import", ndjson], ws)
    print(f"re-import unchanged ndjson: {n / seconds:,.0f} items/s, peak RSS {rss:.0f} MB")


SCENARIOS = {"import": scenario_import}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "pubsync-bench"))
    parser.add_argument("scenarios", nargs="*")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    for name in args.scenarios or list(SCENARIOS):
        if name not in SCENARIOS:
            sys.exit(f"unknown scenario {name} (known: {', '.join(SCENARIOS)})")
        SCENARIOS[name](args, args.work)


if __name__ == "__main__":
    main()
