using System.Diagnostics;
using System.Globalization;

namespace MLNet.Recurrent.Benchmarks;

/// <summary>
/// The process's resident memory, as the PyTorch twin measures it: on Linux VmRSS and VmHWM from /proc/self/status,
/// with the peak reset by writing 5 to /proc/self/clear_refs; elsewhere the working set and its (unresettable) peak.
/// </summary>
internal static class ResidentMemory
{
    /// <summary>Resets the peak (where possible) and returns the current resident set, in bytes.</summary>
    public static long ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return Status("VmRSS");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException)
        {
            return Environment.WorkingSet;
        }
    }

    /// <summary>The peak resident set since the last reset, in bytes.</summary>
    public static long Peak()
    {
        try
        {
            return Status("VmHWM");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException)
        {
            return Process.GetCurrentProcess().PeakWorkingSet64;
        }
    }

    private static long Status(string field)
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                string kilobytes = line[(field.Length + 1)..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }
        throw new FormatException($"/proc/self/status: no {field} line.");
    }
}
