#!/usr/bin/python3
"""Times one PyTorch recurrent layer the way `recurrent-quick` times ours.

Run with Debian's python3 (python3-torch, with libopenblas0-pthread installed), not a pyenv one:

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 tools/bench/torch_recurrent.py --cell lstm --T 100 --B 64 --I 32 --H 128 --mode train --threads 2

`infer` = forward under torch.no_grad(); `train` = optimizer.zero_grad() (1.13's default: in place) + forward +
backward(grad_output) + SGD step. Method, as in ours: 300 ms of steps on a small shape (8, 16, 16, 20) (lazy
initialisation); then the layer and
data are built, the resident set (VmRSS) is read and its peak (VmHWM) reset through /proc/self/clear_refs, and one step
runs (step_peak_mb = its peak RSS - RSS before); warm-up calls for at least --warmup-ms; then --reps repetitions, each a
batch of calls lasting >= 20 ms (cpu_ms: process CPU time per call, all threads; peak_rss_delta_mb = peak RSS over all steps - RSS before). Prints one JSON object:
{"impl":"torch","cell","T","B","I","H","mode","threads","median_ms","min_ms","cpu_ms","calls","step_peak_mb",
 "peak_rss_delta_mb","torch","openblas_threads"}.
--threads sets torch.set_num_threads (intra-op, OpenMP); OpenBLAS's own threads come from OPENBLAS_NUM_THREADS.
"""
import argparse
import json
import os
import re
import time


def status(field):
    with open("/proc/self/status") as f:
        return int(re.search(field + r":\s+(\d+)", f.read()).group(1)) * 1024


def reset_peak():
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    return status("VmRSS")


def make_step(torch, cell, mode, t, b, i, h):
    torch.manual_seed(1)
    module = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[cell](i, h)
    x = torch.randn(t, b, i)
    grad_output = torch.randn(t, b, h)
    optimizer = torch.optim.SGD(module.parameters(), lr=1e-4)

    def infer():
        with torch.no_grad():
            module(x)

    def train():
        optimizer.zero_grad()
        output, _ = module(x)
        output.backward(grad_output)
        optimizer.step()

    return infer if mode == "infer" else train


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cell", choices=["rnn", "lstm", "gru"], default="lstm")
    parser.add_argument("--T", type=int, default=50)
    parser.add_argument("--B", type=int, default=32)
    parser.add_argument("--I", type=int, default=32)
    parser.add_argument("--H", type=int, default=64)
    parser.add_argument("--mode", choices=["infer", "train"], default="train")
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--warmup-ms", type=int, default=1000)
    args = parser.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    small = make_step(torch, args.cell, args.mode, 8, 16, 16, 20)
    begin = time.perf_counter()
    while time.perf_counter() - begin < 0.3:
        small()
    del small
    step = make_step(torch, args.cell, args.mode, args.T, args.B, args.I, args.H)
    rss_before = reset_peak()
    step()
    step_peak_mb = (status("VmHWM") - rss_before) / 1048576

    start = time.perf_counter()
    warm = 0
    while warm < 3 or time.perf_counter() - start < args.warmup_ms / 1000:
        step()
        warm += 1
    per_call = (time.perf_counter() - start) / warm
    calls = max(1, int(0.02 / per_call + 0.999))
    times = []
    cpu_before = time.process_time()
    for _ in range(args.reps):
        begin = time.perf_counter()
        for _ in range(calls):
            step()
        times.append((time.perf_counter() - begin) / calls * 1000)
    cpu_ms = (time.process_time() - cpu_before) * 1000 / (args.reps * calls)
    peak_delta_mb = (status("VmHWM") - rss_before) / 1048576
    times.sort()
    print(json.dumps({"impl": "torch", "cell": args.cell, "T": args.T, "B": args.B, "I": args.I, "H": args.H,
                      "mode": args.mode, "threads": args.threads, "median_ms": round(times[len(times) // 2], 4),
                      "min_ms": round(times[0], 4), "cpu_ms": round(cpu_ms, 4), "calls": args.reps * calls,
                      "step_peak_mb": round(step_peak_mb, 1), "peak_rss_delta_mb": round(peak_delta_mb, 1), "torch": torch.__version__,
                      "openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS", "")}))


if __name__ == "__main__":
    main()
