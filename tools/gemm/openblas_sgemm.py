#!/usr/bin/python3
"""Times numpy float32 matmul (OpenBLAS sgemm) the way `gemm-quick` times ours.

Run with Debian's python3 (its numpy links OpenBLAS), not a pyenv one:

    /usr/bin/python3 tools/gemm/openblas_sgemm.py --threads 2

Prints one JSON object per line: {"impl","m","n","k","transA","transB","threads","median_ms","gflops"}.
A warm-up, then each repetition times a batch of calls lasting >= 20 ms; the median of --reps (>= 7) is reported.
"""
import argparse
import json
import os
import sys
import time

RNN_SHAPES = [
    (32, 256, 64, False, True),
    (64, 1024, 256, False, True),
    (64, 2048, 512, False, True),
    (6400, 1024, 128, False, True),
    (6400, 128, 1024, False, False),
    (1024, 128, 6400, True, False),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2, help="OpenBLAS threads (default 2)")
    parser.add_argument("--sizes", default="256,512,1024,2048", help="square sizes, comma-separated")
    parser.add_argument("--shapes", choices=["square", "rnn", "all"], default="all")
    parser.add_argument("--custom", help="instead of --shapes: MxNxK[:XY],... with X, Y in {N, T} (transpose A, B)")
    parser.add_argument("--reps", type=int, default=9, help="repetitions (at least 7)")
    args = parser.parse_args()

    # OpenBLAS reads its thread count when it loads, so set it before importing numpy.
    os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    import numpy as np

    shapes = []
    if args.custom:
        for text in args.custom.split(","):
            dims, _, flags = text.partition(":")
            m, n, k = map(int, dims.split("x"))
            flags = flags or "NN"
            shapes.append((m, n, k, flags[0] == "T", flags[1] == "T"))
    else:
        if args.shapes in ("square", "all"):
            shapes += [(s, s, s, False, False) for s in map(int, args.sizes.split(","))]
        if args.shapes in ("rnn", "all"):
            shapes += RNN_SHAPES
    reps = max(7, args.reps)
    rng = np.random.default_rng(1)
    for m, n, k, trans_a, trans_b in shapes:
        a = rng.uniform(-1, 1, (k, m) if trans_a else (m, k)).astype(np.float32)
        b = rng.uniform(-1, 1, (n, k) if trans_b else (k, n)).astype(np.float32)
        op_a = a.T if trans_a else a  # a transposed view: numpy passes the transpose flag to sgemm
        op_b = b.T if trans_b else b
        c = np.empty((m, n), dtype=np.float32)

        def once():
            np.matmul(op_a, op_b, out=c)

        start = time.perf_counter()
        calls = 0
        while time.perf_counter() - start < 0.3 or calls < 3:
            once()
            calls += 1
        per_call = (time.perf_counter() - start) / calls
        batch = max(1, int(-(-0.020 // per_call)))
        samples = []
        for _ in range(reps):
            t0 = time.perf_counter()
            for _ in range(batch):
                once()
            samples.append((time.perf_counter() - t0) / batch * 1e3)
        samples.sort()
        median = samples[reps // 2]
        print(json.dumps({
            "impl": "openblas", "m": m, "n": n, "k": k, "transA": trans_a, "transB": trans_b,
            "threads": args.threads, "median_ms": round(median, 4),
            "gflops": round(2.0 * m * n * k / (median * 1e6), 2),
        }), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
