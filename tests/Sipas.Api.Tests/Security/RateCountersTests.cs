using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sipas.Api.Setup;
using Sipas.Api.Tests.Infrastructure;

namespace Sipas.Api.Tests.Security;

/// <summary>The counters of limits shared by API replicas (<see cref="RateCounters"/>, <c>sipas.rate_counters</c>).</summary>
public class RateCountersTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoInstances_IncrementingOneKeyAtOnce_CountEveryIncrementOnce()
    {
        await using var first = App.WithWebHostBuilder(_ => { });
        await using var second = App.WithWebHostBuilder(_ => { });
        var a = first.Services.GetRequiredService<RateCounters>();
        var b = second.Services.GetRequiredService<RateCounters>();
        Assert.NotSame(a, b);
        var window = a.WindowStart(TimeSpan.FromMinutes(15));
        Assert.Equal(window, b.WindowStart(TimeSpan.FromMinutes(15)));
        var key = "test:" + a.Hash("someone");

        // 200 increments, 16 at a time, alternately through each instance (and its own connection pool).
        using var gate = new SemaphoreSlim(16);
        var counts = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            await gate.WaitAsync(Ct);
            try { return await (i % 2 == 0 ? a : b).IncrementAsync(key, window, TimeSpan.FromMinutes(16), Ct); }
            finally { gate.Release(); }
        }));

        Assert.Equal(Enumerable.Range(1, 200), counts.Order());
        Assert.Equal(200, await b.PeekAsync(key, window, Ct));
        Assert.Equal(0, await a.PeekAsync(key, window.AddMinutes(-15), Ct));
    }

    [Fact]
    public async Task KeysAreKeyedHashes_ExpiredRowsAreDeleted_AndNoLongerCount()
    {
        var counters = App.Services.GetRequiredService<RateCounters>();
        var window = counters.WindowStart(TimeSpan.FromMinutes(1));
        var hash = counters.Hash("198.51.100.23");
        await counters.IncrementAsync("test:live:" + hash, window, TimeSpan.FromMinutes(2), Ct);
        await counters.IncrementAsync("test:dead:" + hash, window, TimeSpan.FromMinutes(-1), Ct);

        var deadBefore = await counters.PeekAsync("test:dead:" + hash, window, Ct);
        var deleted = await counters.DeleteExpiredAsync(Ct);

        Assert.Equal(43, hash.Length);
        Assert.DoesNotContain("198", hash);
        Assert.Equal(0, deadBefore);
        Assert.Equal(1, deleted);
        Assert.Equal(1, await counters.PeekAsync("test:live:" + hash, window, Ct));
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var keys = new NpgsqlCommand("SELECT string_agg(key, ',') FROM sipas.rate_counters", connection);
        Assert.Equal("test:live:" + hash, await keys.ExecuteScalarAsync(Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => counters.IncrementAsync(new string('k', 201), window, TimeSpan.FromMinutes(1), Ct));
    }
}
