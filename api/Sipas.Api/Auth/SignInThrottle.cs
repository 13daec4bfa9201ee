using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Identity;
using Sipas.Api.Setup;

namespace Sipas.Api.Auth;

/// <summary>Limits of <see cref="SignInThrottle"/> (section <c>Sipas:SignIn</c>); docs/security.md §1 and §2.</summary>
public sealed class SignInLimits
{
    /// <summary>Failures are counted in fixed windows of this length; a throttled client retries when its window ends.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>Failed sign-ins to one account from one client address per window.</summary>
    public int PerAccountAndAddress { get; set; } = 10;
    /// <summary>Failed sign-ins to one account from all addresses per window, after which addresses new to the account
    /// (no successful sign-in there within <see cref="KnownAddressFor"/>) are throttled for it.</summary>
    public int PerAccount { get; set; } = 50;
    /// <summary>Failed sign-ins from one client address to any accounts per window (a commune office shares one NAT address).</summary>
    public int PerAddress { get; set; } = 100;
    /// <summary>How long an address where an account signed in stays known to that account.</summary>
    public TimeSpan KnownAddressFor { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>
/// Sign-in throttling shared by every API replica (counters in PostgreSQL, <see cref="RateCounters"/>), instead of
/// a lockout an outsider could trigger. Only failures count, per account and address, per account, and per address;
/// unknown user names are counted like accounts, so a throttled answer says nothing about whether an account exists.
/// Keys hold keyed hashes of the normalised user name and of the address (an IPv6 address by its /64).
/// The guarantees, with the default limits: one address alone never throttles an account for anyone elsewhere (it is
/// stopped after 10 failures, the account-wide limit is 50); an address where the account signed in within 30 days
/// is throttled only by failures at that address itself (10 for the account, 100 in all).
/// </summary>
public sealed class SignInThrottle(RateCounters counters, ILookupNormalizer normalizer, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<SignInLimits> options)
{
    private readonly SignInLimits limits = options.Value;

    /// <summary>The counter keys of one attempt: who it is for and where it comes from, both hashed.</summary>
    public Attempt For(string userName, IPAddress? address)
    {
        var account = counters.Hash("user:" + normalizer.NormalizeName(userName.Trim()));
        var place = counters.Hash("addr:" + Network(address));
        return new Attempt($"sign-in:account:{account}", $"sign-in:pair:{account}:{place}", $"sign-in:address:{place}",
            $"sign-in:known:{account}:{place}");
    }

    /// <summary>Null when the attempt may check its password; otherwise how long until the window ends.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(Attempt attempt, CancellationToken ct)
    {
        var window = counters.WindowStart(limits.Window);
        if (await counters.PeekAsync(attempt.Pair, window, ct) >= limits.PerAccountAndAddress
            || await counters.PeekAsync(attempt.Address, window, ct) >= limits.PerAddress
            || (await counters.PeekAsync(attempt.Account, window, ct) >= limits.PerAccount
                && await counters.PeekAsync(attempt.Known, DateTimeOffset.UnixEpoch, ct) == 0))
            return window + limits.Window - clock.GetUtcNow();
        return null;
    }

    /// <summary>Counts a failed attempt (wrong password, unknown user, disabled account alike).</summary>
    public async Task FailedAsync(Attempt attempt, CancellationToken ct)
    {
        var window = counters.WindowStart(limits.Window);
        var lifetime = limits.Window + TimeSpan.FromMinutes(1);
        await counters.IncrementAsync(attempt.Pair, window, lifetime, ct);
        await counters.IncrementAsync(attempt.Address, window, lifetime, ct);
        await counters.IncrementAsync(attempt.Account, window, lifetime, ct);
    }

    /// <summary>Remembers that the account signed in from this address (for <see cref="SignInLimits.KnownAddressFor"/>).</summary>
    public Task SucceededAsync(Attempt attempt, CancellationToken ct) =>
        counters.IncrementAsync(attempt.Known, DateTimeOffset.UnixEpoch, limits.KnownAddressFor, ct);

    /// <summary>An IPv4 address as is; an IPv6 address by its /64 (one subscriber's network); "none" without one.</summary>
    private static string Network(IPAddress? address)
    {
        if (address is null) return "none";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public sealed record Attempt(string Account, string Pair, string Address, string Known);
}
