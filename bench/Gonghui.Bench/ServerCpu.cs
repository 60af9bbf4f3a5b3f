using System.Globalization;
using Npgsql;

namespace Gonghui.Bench;

/// <summary>
/// The CPU time used by the PostgreSQL server the bench talks to (its postmaster and every process it started: backends,
/// WAL writer, checkpointer …), read from /proc. The server runs on the same two cores as the bench, so a load's cost is
/// the client's CPU plus this; printed beside the client's so that a load and its limit are compared in full. Zero where
/// /proc is not readable (another machine, another OS).
/// </summary>
internal sealed class ServerCpu
{
    private readonly int _postmaster;

    private ServerCpu(int postmaster) => _postmaster = postmaster;

    /// <summary>The server behind <paramref name="conn"/> (open), found as the parent of its backend process.</summary>
    public static async Task<ServerCpu> OfAsync(NpgsqlConnection conn)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_backend_pid()", conn);
        var backend = (int)(await cmd.ExecuteScalarAsync())!;
        return new ServerCpu(ParentOf(backend));
    }

    /// <summary>CPU time of the server: its processes alive now, and those that ended (parallel index-build workers,
    /// closed backends), which the postmaster reaped into its children's time.</summary>
    public TimeSpan Now()
    {
        if (_postmaster <= 0) return TimeSpan.Zero;
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (Stat(pid) is not { } s) continue;
            if (pid == _postmaster) ticks += s.Ticks + s.Children;
            else if (s.Parent == _postmaster) ticks += s.Ticks;
        }
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    private static int ParentOf(int pid) => Stat(pid)?.Parent ?? 0;

    /// <summary>Fields 4 (ppid), 14 + 15 (utime + stime) and 16 + 17 (the reaped children's) of /proc/pid/stat; the
    /// command name (field 2) may hold spaces.</summary>
    private static (int Parent, long Ticks, long Children)? Stat(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        var close = text.LastIndexOf(')');
        if (close < 0) return null;
        var f = text[(close + 2)..].Split(' ');
        // f[0] is field 3 (state): field k is f[k - 3].
        long L(int field) => long.Parse(f[field - 3], CultureInfo.InvariantCulture);
        return (int.Parse(f[1], CultureInfo.InvariantCulture), L(14) + L(15), L(16) + L(17));
    }
}
