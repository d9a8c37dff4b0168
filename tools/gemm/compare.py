#!/usr/bin/python3
"""Side by side: the engine's GEMM (`gemm-quick`) against OpenBLAS (openblas_sgemm.py), alternating.

    dotnet build benchmarks/MLNet.Recurrent.Benchmarks -c Release
    /usr/bin/python3 tools/gemm/compare.py --rounds 3 --threads 2

For every shape and every round it runs ours then OpenBLAS (each a median of --reps), so both see the same
machine load; it prints every measurement as a JSON line, then one summary line per shape with the median over
rounds of both and ratio = ours_gflops / openblas_gflops. Extra arguments after `--` go to gemm-quick
(e.g. `-- --kc 384`).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DLL = os.path.join(ROOT, "benchmarks", "MLNet.Recurrent.Benchmarks", "bin", "Release", "net10.0",
                   "MLNet.Recurrent.Benchmarks.dll")
SQUARE = ["256x256x256:NN", "512x512x512:NN", "1024x1024x1024:NN", "2048x2048x2048:NN"]
RNN = ["32x256x64:NT", "64x1024x256:NT", "64x2048x512:NT", "6400x1024x128:NT", "6400x128x1024:NN",
       "1024x128x6400:TN"]


def run(command):
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def main():
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--shapes", choices=["square", "rnn", "all"], default="all")
    parser.add_argument("--custom", help="MxNxK[:XY],... instead of --shapes")
    parser.add_argument("--ours-only", action="store_true")
    args = parser.parse_args(argv)

    shapes = args.custom.split(",") if args.custom else (
        (SQUARE if args.shapes in ("square", "all") else []) + (RNN if args.shapes in ("rnn", "all") else []))
    results = {shape: {"ours": [], "openblas": []} for shape in shapes}
    for _ in range(args.rounds):
        for shape in shapes:
            # Ours picks its own thread count (all cores once a problem is big enough) unless told otherwise.
            ours_threads = 0 if args.threads == os.cpu_count() else args.threads
            ours = run(["dotnet", DLL, "gemm-quick", "--custom", shape, "--reps", str(args.reps),
                        "--threads", str(ours_threads)] + extra)[0]
            print(json.dumps(ours), flush=True)
            results[shape]["ours"].append(ours)
            if not args.ours_only:
                theirs = run(["/usr/bin/python3", os.path.join(HERE, "openblas_sgemm.py"), "--custom", shape,
                              "--reps", str(args.reps), "--threads", str(args.threads)])[0]
                print(json.dumps(theirs), flush=True)
                results[shape]["openblas"].append(theirs)
    for shape in shapes:
        ours = statistics.median(r["gflops"] for r in results[shape]["ours"])
        ours_ms = statistics.median(r["median_ms"] for r in results[shape]["ours"])
        summary = {"shape": shape, "threads": args.threads, "ours_ms": ours_ms, "ours_gflops": ours}
        if not args.ours_only:
            theirs = statistics.median(r["gflops"] for r in results[shape]["openblas"])
            summary.update(openblas_ms=statistics.median(r["median_ms"] for r in results[shape]["openblas"]),
                           openblas_gflops=theirs, ratio=round(ours / theirs, 3))
        print(json.dumps({"summary": summary}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
