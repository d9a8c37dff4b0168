using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace MLNet.Recurrent.Engine.Kernels.Cpu;

/// <summary>
/// A tiny fork-join pool for <see cref="Gemm"/>: persistent background workers, one job at a time, no allocation
/// per call. A job is a number of independent parts; the caller and the woken workers claim parts one at a time
/// from a shared counter, so a worker that the OS is slow to schedule simply claims fewer (or none) and the caller
/// never waits for a worker that has not started. Workers spin briefly after a job (recurrent layers issue GEMMs
/// every time step) and then block. If the pool is already busy (a GEMM from another thread), the caller runs
/// every part itself, which gives the same result.
/// </summary>
internal static unsafe class GemmThreadPool
{
    /// <summary>How long an idle worker spins before it blocks.</summary>
    private static readonly long s_spinTicks = Stopwatch.Frequency / 5_000; // 200 µs

    private static readonly Lock s_growLock = new();
    private static Worker[] s_workers = [];
    private static int s_busy;

    // The current job. s_claims packs (parts << 32) | next-part into one word, so that a claim reads the part count
    // of the very job it claims from: a part index below the count means the job is still running and the fields
    // below are that job's.
    private static long s_claims;
    private static int s_done;
    private static delegate*<void*, int, void> s_body;
    private static void* s_state;
    private static ExceptionDispatchInfo? s_error;

    /// <summary>
    /// Runs body(state, part) for part = 0 … parts−1 on the caller and up to <paramref name="threads"/> − 1 workers,
    /// and returns when every part has finished.
    /// </summary>
    public static void Run(int parts, int threads, delegate*<void*, int, void> body, void* state)
    {
        if (parts <= 1 || threads <= 1 || Interlocked.CompareExchange(ref s_busy, 1, 0) != 0)
        {
            for (int part = 0; part < parts; part++)
            {
                body(state, part);
            }
            return;
        }

        try
        {
            Worker[] workers = EnsureWorkers(threads - 1);
            s_body = body;
            s_state = state;
            s_error = null;
            s_done = 0;
            Interlocked.Exchange(ref s_claims, (long)parts << 32);
            for (int w = 0; w < Math.Min(threads - 1, parts - 1); w++)
            {
                workers[w].Wake();
            }

            RunClaims();
            // Every part has been claimed; wait for the ones still running on workers (they use our stack and pins).
            SpinWait spinner = default;
            while (Volatile.Read(ref s_done) != parts)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
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

    /// <summary>Claims and runs parts of the current job until none is left.</summary>
    private static void RunClaims()
    {
        while (true)
        {
            long claim = Interlocked.Increment(ref s_claims) - 1;
            int part = (int)(claim & 0xFFFF_FFFF), parts = (int)(claim >> 32);
            if (part >= parts)
            {
                return;
            }
            try
            {
                s_body(s_state, part);
            }
            catch (Exception error)
            {
                Interlocked.CompareExchange(ref s_error, ExceptionDispatchInfo.Capture(error), null);
            }
            Interlocked.Increment(ref s_done);
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
        // A ticket per wake-up; a late worker may find its job already finished and just claims nothing.
        private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

        public Worker(int id)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"MLNet.Recurrent GEMM worker {id}" };
            thread.Start();
        }

        public void Wake() => _signal.Release();

        private void Loop()
        {
            while (true)
            {
                WaitForTicket();
                RunClaims();
            }
        }

        private void WaitForTicket()
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
