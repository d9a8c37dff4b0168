#!/usr/bin/python3
"""Empirical complexity of our fused LSTM: time ∝ T·(H² + H·I)?

    /usr/bin/python3 tools/bench/complexity.py            # prints JSON lines; side_by_side.py --all calls sweep()

Sweeps T at fixed H and H at fixed T (B = 32, I = 64, one layer, `recurrent-quick`, 2 threads) in inference and in
training, fits time = a·x with x = T·(H² + H·I) by least squares through the origin for each mode, and reports a, the
coefficient of determination R² = 1 − Σ(y − a·x)² / Σ(y − ȳ)², and the largest relative residual.
"""
import argparse
import json
import os
import subprocess
import sys

BATCH, INPUT = 32, 64
T_SWEEP = [(t, 256) for t in (25, 50, 100, 200, 400)]
H_SWEEP = [(100, h) for h in (64, 128, 256, 512, 1024)]


def fit(points):
    """Least squares y = a·x through the origin; returns (a, R², max |relative residual|)."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    a = sum(x * y for x, y in points) / sum(x * x for x in xs)
    mean = sum(ys) / len(ys)
    residual = sum((y - a * x) ** 2 for x, y in points)
    total = sum((y - mean) ** 2 for y in ys)
    return a, 1 - residual / total, max(abs(y - a * x) / y for x, y in points)


def sweep(dll, threads=2, reps=5, warmup_ms=500, cell="lstm", quick=False):
    """quick: a small sweep (T ≤ 50, H ≤ 128) that only checks the pipeline."""
    points, fits = [], {}
    shapes = sorted(set(T_SWEEP + H_SWEEP)) if not quick else [(10, 32), (20, 32), (40, 32), (20, 64), (20, 128)]
    for mode in ("infer", "train"):
        measured = []
        for t, h in shapes:
            command = ["dotnet", dll, "recurrent-quick", "--cell", cell, "--T", str(t), "--B", str(BATCH), "--I", str(INPUT),
                       "--H", str(h), "--mode", mode, "--reps", str(reps), "--threads", str(threads), "--warmup-ms", str(warmup_ms)]
            out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            ms = json.loads(out.strip().splitlines()[-1])["median_ms"]
            x = t * (h * h + h * INPUT)
            measured.append((x, ms))
            points.append({"cell": cell, "mode": mode, "T": t, "B": BATCH, "I": INPUT, "H": h, "x": x, "ms": ms})
        a, r2, worst = fit(measured)
        fits[mode] = {"ms_per_unit": a, "r2": round(r2, 5), "max_relative_residual": round(worst, 3)}
    return {"points": points, "fits": fits, "cell": cell, "batch": BATCH, "input": INPUT}


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--cell", default="lstm")
    args = parser.parse_args(argv)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    dll = os.path.join(root, "benchmarks", "MLNet.Recurrent.Benchmarks", "bin", "Release", "net10.0", "MLNet.Recurrent.Benchmarks.dll")
    result = sweep(dll, args.threads, args.reps, cell=args.cell)
    for point in result["points"]:
        print(json.dumps(point))
    print(json.dumps({"fits": result["fits"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
