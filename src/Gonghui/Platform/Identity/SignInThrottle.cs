using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Gonghui.Platform.Identity;

/// <summary>Settings under Gonghui:Security:SignIn.</summary>
public sealed class SignInThrottleOptions
{
    /// <summary>Failed sign-ins for one account name (from anywhere) before delays start.</summary>
    public int AccountFreeFailures { get; set; } = 5;
    /// <summary>The longest delay an account can be put under: a stranger can slow an account down, never lock it.</summary>
    public TimeSpan AccountMaxDelay { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Failed sign-ins from one address before delays start (offices share an address behind NAT).</summary>
    public int AddressFreeFailures { get; set; } = 20;
    public TimeSpan AddressMaxDelay { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>A counter with no failure for this long is forgotten.</summary>
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Slows password guessing with delays that double with each failure, per account name and per client address.</summary>
/// <remarks>Nothing locks an account: after the free failures each further failure doubles the wait (1 s, 2 s, 4 s …) up to
/// a cap, and a success clears the account's counter. Unknown names are counted like real ones, so the answer never tells
/// whether an account exists. The counters live in memory per node.</remarks>
public sealed class SignInThrottle(TimeProvider clock, IOptions<SignInThrottleOptions> options)
{
    private sealed class Counter
    {
        public int Failures;
        public DateTimeOffset LastFailure;
        public DateTimeOffset NotBefore;
    }

    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private SignInThrottleOptions O => options.Value;

    private static string AccountKey(string userName) => "u:" + userName.Trim().ToUpperInvariant();
    private static string AddressKey(string? address) => "a:" + (address ?? "unknown");

    /// <summary>How long the caller must still wait before another try, or null if it may try now.</summary>
    public TimeSpan? RetryAfter(string userName, string? address)
    {
        var now = clock.GetUtcNow();
        var wait = TimeSpan.Zero;
        foreach (var key in new[] { AccountKey(userName), AddressKey(address) })
            if (_counters.TryGetValue(key, out var c))
                lock (c)
                    if (c.NotBefore - now > wait) wait = c.NotBefore - now;
        return wait > TimeSpan.Zero ? wait : null;
    }

    public void Failed(string userName, string? address)
    {
        var now = clock.GetUtcNow();
        Count(AccountKey(userName), O.AccountFreeFailures, O.AccountMaxDelay, now);
        Count(AddressKey(address), O.AddressFreeFailures, O.AddressMaxDelay, now);
        if (_counters.Count > 100_000) Forget(now);
    }

    /// <summary>A correct password clears the account's counter (not the address's: one good account must not reset a guesser).</summary>
    public void Succeeded(string userName) => _counters.TryRemove(AccountKey(userName), out _);

    private void Count(string key, int free, TimeSpan max, DateTimeOffset now)
    {
        var c = _counters.GetOrAdd(key, _ => new Counter());
        lock (c)
        {
            if (now - c.LastFailure > O.ForgetAfter) c.Failures = 0;
            c.Failures++;
            c.LastFailure = now;
            if (c.Failures <= free) return;
            var seconds = Math.Min(Math.Pow(2, Math.Min(c.Failures - free - 1, 30)), max.TotalSeconds);
            c.NotBefore = now + TimeSpan.FromSeconds(seconds);
        }
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, c) in _counters)
            if (now - c.LastFailure > O.ForgetAfter || c.NotBefore < now) _counters.TryRemove(key, out _);
    }
}
