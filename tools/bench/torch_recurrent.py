#!/usr/bin/python3
"""Times one PyTorch recurrent layer the way `recurrent-quick` times ours.

Run with Debian's python3 (python3-torch, with libopenblas0-pthread installed), not a pyenv one:

    /usr/bin/python3 tools/bench/torch_recurrent.py --cell lstm --T 100 --B 64 --I 32 --H 128 --mode train --threads 2

`infer` = forward under torch.no_grad(); `train` = zero_grad + forward + backward(grad_output) + SGD step.
A warm-up, then the median of --reps repetitions, each a batch of calls lasting >= 20 ms. Prints one JSON object:
{"impl":"torch","cell","T","B","I","H","mode","threads","median_ms","torch"}.
"""
import argparse
import json
import time


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
    args = parser.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    module = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[args.cell](args.I, args.H)
    x = torch.randn(args.T, args.B, args.I)
    grad_output = torch.randn(args.T, args.B, args.H)
    optimizer = torch.optim.SGD(module.parameters(), lr=1e-4)

    def infer():
        with torch.no_grad():
            module(x)

    def train():
        optimizer.zero_grad()
        output, _ = module(x)
        output.backward(grad_output)
        optimizer.step()

    step = infer if args.mode == "infer" else train
    start = time.perf_counter()
    warm = 0
    while warm < 3 or time.perf_counter() - start < 0.2:
        step()
        warm += 1
    per_call = (time.perf_counter() - start) / warm
    calls = max(1, int(0.02 / per_call + 0.999))
    times = []
    for _ in range(args.reps):
        begin = time.perf_counter()
        for _ in range(calls):
            step()
        times.append((time.perf_counter() - begin) / calls * 1000)
    times.sort()
    print(json.dumps({"impl": "torch", "cell": args.cell, "T": args.T, "B": args.B, "I": args.I, "H": args.H,
                      "mode": args.mode, "threads": args.threads, "median_ms": round(times[len(times) // 2], 4),
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
