namespace Sipas.LoadTests;

/// <summary>
/// CPU time spent by the API process and by the PostgreSQL cluster (the postmaster and its children: backends, WAL
/// writer, checkpointer), read from Linux's /proc. Throughput on a shared 2-core machine moves with what the host
/// leaves over; CPU milliseconds per request move only with the work the platform does, so they compare runs and
/// commits far better. Backends that exit during a run are not counted (the API's connection pool keeps them open).
/// </summary>
public sealed class CpuMeter(int apiProcessId, string clusterFolder)
{
    /// <summary>CPU seconds so far: the API process, and the cluster.</summary>
    public (double Api, double Database) Read()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(clusterFolder, "pgdata", "postmaster.pid")).First().Trim());
        double database = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            if (Stat(pid) is not { } stat) continue;
            if (pid == postmaster || stat.Parent == postmaster) database += stat.Seconds;
        }
        return (Stat(apiProcessId)?.Seconds ?? 0, database);
    }

    /// <summary>The parent and the user + system CPU seconds of a process (fields 4, 14 and 15 of /proc/PID/stat).</summary>
    private static (int Parent, double Seconds)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // The command name (field 2) is in parentheses and may hold spaces: split after its closing parenthesis.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        const double ticksPerSecond = 100; // USER_HZ on Linux
        return (int.Parse(fields[1]), (long.Parse(fields[11]) + long.Parse(fields[12])) / ticksPerSecond);
    }
}
