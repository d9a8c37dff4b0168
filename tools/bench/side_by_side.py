#!/usr/bin/python3
"""Side-by-side timing of MLNet.Recurrent and PyTorch recurrent layers, in one run, on the same machine.

One command does everything and regenerates docs/performance.md (with its charts and raw results):

    /usr/bin/python3 tools/bench/side_by_side.py --all

That builds the benchmarks (Release), measures the SGEMM peak (ours and OpenBLAS's, alternating), runs the grid below for
Rnn, Lstm and Gru in inference and training against PyTorch, runs the complexity sweep (complexity.py), and writes
docs/performance.md + docs/performance/{results.jsonl, ratios.svg, complexity.svg}. Without --all it only prints the
grid's JSON lines (e.g. `--cells lstm --modes train --shapes 100:64:128:256`).

For every (cell, shape, mode) it runs ours (`recurrent-quick`) and PyTorch (`torch_recurrent.py`, in each of the thread
configurations of --torch-configs) alternately for --rounds rounds, each side a separate process, so all see the same
machine load. It prints one JSON object per line:

    {"cell","T","B","I","H","mode","ours_ms","torch_ms","ratio","torch_config","ours_gflops","torch_gflops",
     "peak_fraction","best_possible_ratio","alloc_bytes_per_step","ours_step_peak_mb","torch_step_peak_mb",
     "ours_loop_peak_mb","torch_loop_peak_mb","load","threads","torch_all"}

ours_ms / torch_ms are medians over rounds of each process's median; torch_ms is PyTorch's best configuration (the one
with the lowest median), named in torch_config, with every configuration's median in torch_all; ratio = ours_ms /
torch_ms. FLOPs count the GEMMs of one layer and direction, 2·T·B·G·H·(I+H) per forward with G = 1, 3, 4 for rnn, gru,
lstm; a training step counts 3× that. peak_fraction = ours_gflops / the measured SGEMM peak (the best square SGEMM rate,
OpenBLAS's or ours, 2 threads, measured at the start and, with --all, again at the end; lines printed during the run use
the first); best_possible_ratio = torch_gflops / that peak, the ratio ours would have at the peak. *_step_peak_mb:
growth of the peak resident set during the first step of the shape (after a JIT warm-up on a tiny shape);
*_loop_peak_mb: the same over all the timed steps. load is the 1-minute load average (mean over the line's runs).
"""
import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DLL = os.path.join(ROOT, "benchmarks", "MLNet.Recurrent.Benchmarks", "bin", "Release", "net10.0", "MLNet.Recurrent.Benchmarks.dll")
GRID = [(50, 32, 32, 64), (100, 64, 32, 128), (100, 64, 128, 256), (200, 32, 64, 512), (35, 20, 650, 650)]
GATES = {"rnn": 1, "gru": 3, "lstm": 4}
TARGETS = {"infer": 0.33, "train": 0.5}


def load_average():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def run_json(command, env=None):
    output = subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(output.strip().splitlines()[-1])


def torch_configs(spec, threads):
    """'omp:blas,...' pairs: torch.set_num_threads(omp) with OPENBLAS_NUM_THREADS=blas. Default: every split of the threads."""
    if spec:
        pairs = [tuple(int(v) for v in item.split(":")) for item in spec.split(",")]
    else:
        pairs = [(threads, 1), (1, threads)] if threads > 1 else [(1, 1)]
    return [(f"omp{omp}-blas{blas}", omp, blas) for omp, blas in pairs]


def flops(cell, t, b, i, h, mode):
    return 2.0 * t * b * GATES[cell] * h * (i + h) * (3 if mode == "train" else 1)


def measure(cell, shape, mode, args, configs):
    t, b, i, h = shape
    common = ["--cell", cell, "--T", str(t), "--B", str(b), "--I", str(i), "--H", str(h), "--mode", mode,
              "--reps", str(args.reps), "--warmup-ms", str(args.warmup_ms)]
    ours, theirs, loads = [], {name: [] for name, _, _ in configs}, []
    torch_peaks = {name: [] for name, _, _ in configs}
    torch_steps = {name: [] for name, _, _ in configs}
    for round_index in range(args.rounds):
        jobs = [("ours", ["dotnet", DLL, "recurrent-quick"] + common + ["--threads", str(args.threads)], None)]
        for name, omp, blas in configs:
            env = dict(os.environ, OPENBLAS_NUM_THREADS=str(blas), OMP_NUM_THREADS=str(omp))
            jobs.append((name, ["/usr/bin/python3", os.path.join(HERE, "torch_recurrent.py")] + common + ["--threads", str(omp)], env))
        if round_index % 2:
            jobs.reverse()
        for name, command, env in jobs:
            loads.append(load_average())
            result = run_json(command, env)
            if name == "ours":
                ours.append(result)
            else:
                theirs[name].append(result["median_ms"])
                torch_peaks[name].append(result["peak_rss_delta_mb"])
                torch_steps[name].append(result["step_peak_mb"])
    ours_ms = statistics.median(r["median_ms"] for r in ours)
    torch_all = {name: round(statistics.median(values), 4) for name, values in theirs.items()}
    best = min(torch_all, key=torch_all.get)
    work = flops(cell, t, b, i, h, mode)
    return {"cell": cell, "T": t, "B": b, "I": i, "H": h, "mode": mode,
            "ours_ms": round(ours_ms, 4), "torch_ms": torch_all[best], "ratio": round(ours_ms / torch_all[best], 3),
            "torch_config": best, "ours_gflops": round(work / ours_ms / 1e6, 2),
            "torch_gflops": round(work / torch_all[best] / 1e6, 2),
            "peak_fraction": None, "best_possible_ratio": None,
            "alloc_bytes_per_step": int(statistics.median(r["alloc_bytes_per_step"] for r in ours)),
            "ours_step_peak_mb": statistics.median(r["step_peak_mb"] for r in ours),
            "torch_step_peak_mb": statistics.median(torch_steps[best]),
            "ours_loop_peak_mb": statistics.median(r["peak_rss_delta_mb"] for r in ours),
            "torch_loop_peak_mb": statistics.median(torch_peaks[best]),
            "load": round(statistics.mean(loads), 2), "threads": args.threads, "torch_all": torch_all}


def sgemm(args):
    """Ours against OpenBLAS on square sizes (tools/gemm/compare.py, alternating): (summary lines, best GFLOP/s seen)."""
    command = ["/usr/bin/python3", os.path.join(ROOT, "tools", "gemm", "compare.py"), "--rounds", str(args.rounds),
               "--threads", str(args.threads)]
    command += ["--custom", "256x256x256:NN"] if args.quick_sweep else ["--shapes", "square"]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    return [line["summary"] for line in lines if "summary" in line], max(line.get("gflops", 0) for line in lines)


def sgemm_peak_again(args):
    """The best square SGEMM rate of OpenBLAS and ours once more (512–2048), for a peak that one busy moment cannot lower."""
    sizes = "256" if args.quick_sweep else "512,1024,2048"
    theirs = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tools", "gemm", "openblas_sgemm.py"), "--shapes", "square",
                             "--sizes", sizes, "--threads", str(args.threads)], check=True, capture_output=True, text=True).stdout
    ours = subprocess.run(["dotnet", DLL, "gemm-quick", "--shapes", "square", "--sizes", sizes], check=True, capture_output=True, text=True).stdout
    return max(json.loads(line)["gflops"] for line in (theirs + ours).splitlines() if line.startswith("{"))


def apply_peak(line, peak):
    """Fills the peak-relative fields of a result line."""
    if peak:
        line["peak_fraction"] = round(line["ours_gflops"] / peak, 3)
        line["best_possible_ratio"] = round(line["torch_gflops"] / peak, 3)
    return line


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="build, SGEMM peak, grid, complexity sweep, and write docs/performance.md")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--warmup-ms", type=int, default=1000)
    parser.add_argument("--cells", default="rnn,lstm,gru")
    parser.add_argument("--modes", default="infer,train")
    parser.add_argument("--shapes", help="T:B:I:H,... instead of the default grid")
    parser.add_argument("--torch-configs", help="omp:blas,... (default: threads:1 and 1:threads)")
    parser.add_argument("--peak", type=float, help="SGEMM peak in GFLOP/s (skips measuring it when not --all)")
    parser.add_argument("--out", default=os.path.join(ROOT, "docs"), help="with --all: where performance.md and performance/ go")
    parser.add_argument("--quick-sweep", action="store_true", help="with --all: a tiny complexity sweep and SGEMM sizes (checks the pipeline)")
    args = parser.parse_args(argv)

    started = datetime.datetime.now(datetime.timezone.utc)
    load_start = load_average()
    if args.all:
        subprocess.run(["dotnet", "build", os.path.join(ROOT, "benchmarks", "MLNet.Recurrent.Benchmarks"), "-c", "Release"],
                       check=True, capture_output=True)
    if not os.path.exists(DLL):
        sys.exit(f"build first: dotnet build benchmarks/MLNet.Recurrent.Benchmarks -c Release (missing {DLL})")
    gemm, peak = sgemm(args) if args.all else ([], None)
    for line in gemm:
        print(json.dumps({"sgemm": line}), flush=True)
    peak = args.peak or peak

    grid = GRID if not args.shapes else [tuple(map(int, s.split(":"))) for s in args.shapes.split(",")]
    configs = torch_configs(args.torch_configs, args.threads)
    results = []
    for cell in args.cells.split(","):
        for shape in grid:
            for mode in args.modes.split(","):
                line = apply_peak(measure(cell, shape, mode, args, configs), peak)
                results.append(line)
                print(json.dumps(line), flush=True)
    if args.all and not args.peak:
        # The peak is the best rate seen at the start or now; the lines above used the first, the report uses both.
        peak = max(peak, sgemm_peak_again(args))
        results = [apply_peak(line, peak) for line in results]
    print(json.dumps({"sgemm_peak_gflops": peak, "threads": args.threads}), flush=True)

    if args.all:
        import complexity
        import report
        sweep = complexity.sweep(DLL, args.threads, args.reps, args.warmup_ms, quick=args.quick_sweep)
        for line in sweep["points"]:
            print(json.dumps({"complexity": line}), flush=True)
        finished = datetime.datetime.now(datetime.timezone.utc)
        report.write(args.out, {"started": started, "finished": finished, "load_start": load_start,
                                "load_end": load_average(), "args": vars(args), "configs": configs},
                     gemm, peak, results, sweep)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, HERE)
    sys.exit(main(sys.argv[1:]))
