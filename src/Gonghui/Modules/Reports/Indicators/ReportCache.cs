using System.Globalization;
using Microsoft.Extensions.Caching.Memory;

namespace Gonghui.Modules.Reports.Indicators;

/// <summary>
/// The reports built in the last <see cref="Lifetime"/>, so that the page, its XLSX, its PDF, its printable page and its ranking
/// downloads share one build (5 s each at full scale). Kept the way the lists keep their counts (<see cref="Platform.Http.ListCounts"/>:
/// a <see cref="MemoryCache"/> with a size limit and an absolute expiry), keyed by everything the report depends on: the caller's
/// scope path (so no caller is ever shown another scope's report), the unit, the period, the UI culture (names and part titles) and
/// whether the district rankings are in it. Concurrent requests for one key wait for the one build in flight. A report is not
/// recomputed when records change within the window: it says when it was built (<see cref="IndicatorReportDto.BuiltAt"/>), and is at
/// most <see cref="Lifetime"/> old. <c>Gonghui:Reports:CacheSeconds</c> sets the window (0: every request builds).
/// </summary>
public sealed class ReportCache(TimeProvider clock, IConfiguration config)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);

    /// <summary>At most this many reports are kept (a city report with its rankings is a few hundred KB); the oldest go first when full.</summary>
    public const int MaxReports = 64;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxReports });
    private readonly Lock _lock = new();
    private long _builds;

    public TimeSpan Lifetime => config.GetValue<int?>("Gonghui:Reports:CacheSeconds") is { } s ? TimeSpan.FromSeconds(Math.Max(0, s)) : DefaultLifetime;

    /// <summary>How many reports this process has built through the cache (a hit does not count): what the tests observe.</summary>
    public long Builds => Interlocked.Read(ref _builds);

    /// <summary>What a kept report depends on.</summary>
    public sealed record Key(string ScopePath, Guid? UnitId, string UnitPath, DateOnly From, DateOnly To, string Culture, bool WithDistricts)
    {
        public static Key Of(string scopePath, ReportUnit unit, Rules.ReportPeriod period, bool withDistricts) =>
            new(scopePath, unit.Id, unit.Path, period.From, period.To, CultureInfo.CurrentUICulture.Name, withDistricts);
    }

    private sealed record Entry(Task<IndicatorReportDto> Build, DateTimeOffset Started);

    /// <summary>
    /// The report kept for <paramref name="key"/> if it was built less than <see cref="Lifetime"/> ago (by this process's clock), else the one
    /// being built for it, else a new build by <paramref name="build"/>. The build runs on its own (not under the first caller's cancellation),
    /// so that a caller who gives up does not fail the others waiting for it; a build that fails is not kept.
    /// </summary>
    public async Task<IndicatorReportDto> GetAsync(Key key, Func<CancellationToken, Task<IndicatorReportDto>> build, CancellationToken ct)
    {
        var lifetime = Lifetime;
        if (lifetime <= TimeSpan.Zero) { Interlocked.Increment(ref _builds); return await build(ct); }
        Entry entry;
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (!_cache.TryGetValue(key, out Entry? kept) || kept is null || Expired(kept, now, lifetime))
            {
                Interlocked.Increment(ref _builds);
                kept = new Entry(BuildAsync(key, build), now);
                // The memory cache's own expiry (on the system clock) only frees the memory; freshness is judged above by the app's clock.
                _cache.Set(key, kept, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime, Size = 1 });
            }
            entry = kept;
        }
        return await entry.Build.WaitAsync(ct);
    }

    private static bool Expired(Entry e, DateTimeOffset now, TimeSpan lifetime) =>
        e.Build.IsFaulted || e.Build.IsCanceled || now - e.Started >= lifetime || now < e.Started;

    private async Task<IndicatorReportDto> BuildAsync(Key key, Func<CancellationToken, Task<IndicatorReportDto>> build)
    {
        // Off the caller's synchronisation and cancellation: the build belongs to every caller waiting for it.
        await Task.Yield();
        try { return await build(CancellationToken.None); }
        catch
        {
            lock (_lock) _cache.Remove(key);
            throw;
        }
    }
}
