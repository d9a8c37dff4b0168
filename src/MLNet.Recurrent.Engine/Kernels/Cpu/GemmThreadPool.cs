using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace MLNet.Recurrent.Engine.Kernels.Cpu;

/// <summary>
/// A tiny fork-join pool for <see cref="Gemm"/>: persistent background workers, one job at a time, no allocation
/// per call. The caller runs part 0 itself; worker w runs part w. Workers spin briefly after a job (recurrent
/// layers issue GEMMs every time step) and then block. If the pool is already busy (a GEMM from another thread),
/// the caller simply runs every part itself, which gives the same result.
/// </summary>
internal static unsafe class GemmThreadPool
{
    private static readonly Lock s_growLock = new();
    private static Worker[] s_workers = [];
    private static int s_busy;
    private static int s_pending;
    private static delegate*<void*, int, void> s_body;
    private static void* s_state;
    private static ExceptionDispatchInfo? s_error;

    /// <summary>How long an idle worker spins before it blocks.</summary>
    private static readonly long s_spinTicks = Stopwatch.Frequency / 5_000; // 200 µs

    /// <summary>Runs body(state, part) for part = 0 … parts−1 and returns when all have finished.</summary>
    public static void Run(int parts, delegate*<void*, int, void> body, void* state)
    {
        if (parts <= 1 || Interlocked.CompareExchange(ref s_busy, 1, 0) != 0)
        {
            for (int part = 0; part < parts; part++)
            {
                body(state, part);
            }
            return;
        }

        try
        {
            Worker[] workers = EnsureWorkers(parts - 1);
            s_body = body;
            s_state = state;
            s_error = null;
            Volatile.Write(ref s_pending, parts - 1);
            for (int part = 1; part < parts; part++)
            {
                workers[part - 1].Start(part);
            }
            try
            {
                body(state, 0);
            }
            finally
            {
                // The workers read the caller's stack and pinned operands: wait for them even if part 0 threw.
                SpinWait spinner = default;
                while (Volatile.Read(ref s_pending) != 0)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                }
            }
            s_error?.Throw();
        }
        finally
        {
            s_body = null;
            s_state = null;
            Volatile.Write(ref s_busy, 0);
        }
    }

    private static Worker[] EnsureWorkers(int count)
    {
        Worker[] workers = s_workers;
        if (workers.Length >= count)
        {
            return workers;
        }
        lock (s_growLock)
        {
            workers = s_workers;
            if (workers.Length < count)
            {
                Worker[] grown = new Worker[count];
                workers.CopyTo(grown, 0);
                for (int i = workers.Length; i < count; i++)
                {
                    grown[i] = new Worker(i + 1);
                }
                s_workers = workers = grown;
            }
            return workers;
        }
    }

    private sealed class Worker
    {
        private readonly SemaphoreSlim _signal = new(0, 1);
        private int _part;

        public Worker(int id)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"MLNet.Recurrent GEMM worker {id}" };
            thread.Start();
        }

        public void Start(int part)
        {
            _part = part;
            _signal.Release();
        }

        private void Loop()
        {
            while (true)
            {
                WaitForJob();
                try
                {
                    s_body(s_state, _part);
                }
                catch (Exception error)
                {
                    Interlocked.CompareExchange(ref s_error, ExceptionDispatchInfo.Capture(error), null);
                }
                Interlocked.Decrement(ref s_pending);
            }
        }

        private void WaitForJob()
        {
            if (_signal.Wait(0))
            {
                return;
            }
            long deadline = Stopwatch.GetTimestamp() + s_spinTicks;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                Thread.SpinWait(20);
                if (_signal.CurrentCount != 0 && _signal.Wait(0))
                {
                    return;
                }
            }
            _signal.Wait();
        }
    }
}
