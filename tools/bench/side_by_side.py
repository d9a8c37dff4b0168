#!/usr/bin/python3
"""Side-by-side timing of MLNet.Recurrent and PyTorch recurrent layers, in one run, on the same machine.

    dotnet build benchmarks/MLNet.Recurrent.Benchmarks -c Release
    /usr/bin/python3 tools/bench/side_by_side.py --threads 2 --rounds 3 > results.jsonl

For every (cell, shape, mode) of the grid it runs ours (`recurrent-quick`) and PyTorch (`torch_recurrent.py`)
alternately for --rounds rounds (so both see the same machine load) and prints one JSON object per line:

    {"cell","T","B","I","H","mode","ours_ms","torch_ms","ratio","ours_gflops","torch_gflops",
     "alloc_bytes_per_step","threads"}

ratio = ours_ms / torch_ms (median over rounds of each side's median). FLOPs count the forward GEMMs of one layer
and direction, 2·T·B·G·H·(I+H) with G = 1, 3, 4 for rnn, gru, lstm; a training step counts 3× that. The last line
is {"sgemm_peak_gflops": ...}: OpenBLAS's best square SGEMM rate on this machine (numpy), measured in the same run.
PyTorch runs with OPENBLAS_NUM_THREADS=1 and torch.set_num_threads(--threads): its intra-op threads call BLAS, and
letting both spawn threads oversubscribes the cores.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GRID = [(50, 32, 32, 64), (100, 64, 32, 128), (100, 64, 128, 256), (200, 32, 64, 512), (35, 20, 650, 650)]
GATES = {"rnn": 1, "gru": 3, "lstm": 4}


def run_json(command, env=None):
    output = subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--cells", default="rnn,lstm,gru")
    parser.add_argument("--modes", default="infer,train")
    parser.add_argument("--shapes", help="T:B:I:H,... instead of the default grid")
    args = parser.parse_args(argv)

    ours_dll = os.path.join(ROOT, "benchmarks", "MLNet.Recurrent.Benchmarks", "bin", "Release", "net10.0", "MLNet.Recurrent.Benchmarks.dll")
    if not os.path.exists(ours_dll):
        sys.exit(f"build first: dotnet build benchmarks/MLNet.Recurrent.Benchmarks -c Release (missing {ours_dll})")
    grid = GRID if not args.shapes else [tuple(map(int, s.split(":"))) for s in args.shapes.split(",")]
    torch_env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS=str(args.threads))

    for cell in args.cells.split(","):
        for (t, b, i, h) in grid:
            for mode in args.modes.split(","):
                common = ["--cell", cell, "--T", str(t), "--B", str(b), "--I", str(i), "--H", str(h),
                          "--mode", mode, "--reps", str(args.reps), "--threads", str(args.threads)]
                ours, torch, alloc = [], [], []
                for round_index in range(args.rounds):
                    pair = [("ours", ["dotnet", ours_dll, "recurrent-quick"] + common, None),
                            ("torch", [sys.executable, os.path.join(HERE, "torch_recurrent.py")] + common, torch_env)]
                    if round_index % 2:
                        pair.reverse()
                    for name, command, env in pair:
                        result = run_json(command, env)
                        (ours if name == "ours" else torch).append(result["median_ms"])
                        if name == "ours":
                            alloc.append(result["alloc_bytes_per_step"])
                flops = 2.0 * t * b * GATES[cell] * h * (i + h) * (3 if mode == "train" else 1)
                ours_ms, torch_ms = statistics.median(ours), statistics.median(torch)
                print(json.dumps({"cell": cell, "T": t, "B": b, "I": i, "H": h, "mode": mode,
                                  "ours_ms": round(ours_ms, 3), "torch_ms": round(torch_ms, 3),
                                  "ratio": round(ours_ms / torch_ms, 3),
                                  "ours_gflops": round(flops / ours_ms / 1e6, 2), "torch_gflops": round(flops / torch_ms / 1e6, 2),
                                  "alloc_bytes_per_step": int(statistics.median(alloc)), "threads": args.threads}), flush=True)

    lines = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "gemm", "openblas_sgemm.py"), "--threads", str(args.threads),
                            "--shapes", "square", "--sizes", "1024,2048"], check=True, capture_output=True, text=True).stdout
    peak = max(json.loads(line)["gflops"] for line in lines.strip().splitlines())
    print(json.dumps({"sgemm_peak_gflops": peak, "threads": args.threads}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
