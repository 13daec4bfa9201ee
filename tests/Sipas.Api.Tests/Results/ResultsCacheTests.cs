using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Sipas.Api.IndicatorTargets;
using Sipas.Api.Results;
using Sipas.Api.Tests.Admin;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;
using Sipas.Jobs;
using Sipas.Testing;

namespace Sipas.Api.Tests.Results;

/// <summary>
/// The figures' cache (<see cref="ResultsCache"/>): a kept answer is byte for byte what the endpoint wrote before it
/// existed, only analysts and admins reach it, and what can change (a rerun's rows, publication, targets, a running
/// snapshot) shows at once.
/// </summary>
public class ResultsCacheTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private ResultsCache Cache => App.Services.GetRequiredService<ResultsCache>();

    public override async ValueTask DisposeAsync() => await AdminData.RemoveTestReferenceRowsAsync(Database);

    /// <summary>What the dashboard asks for at every level, with the query each one reads.</summary>
    private static IEnumerable<(string Path, GetRows.Query? Rows, string? Tiles, string? Change)> Requests(int id)
    {
        var s = $"/api/results/snapshots/{id}";
        yield return ($"{s}/indicators", null, "", null);
        yield return ($"{s}/indicators?channel=web", null, "web", null);
        yield return ($"{s}/change", null, null, "");
        yield return ($"{s}/change?channel=paper", null, null, "paper");
        foreach (var (query, path) in new (GetRows.Query, string)[]
                 {
                     (new("", "area", "SIPAS", null, null, null), "groupType=area&indicator=SIPAS"),
                     (new("", "unit", "SIPAS", null, null, null), "groupType=unit&indicator=SIPAS"),
                     (new("", "area-agency", "SIPAS", null, "land", null), "groupType=area-agency&indicator=SIPAS&parent=land"),
                     (new("", "area-agency", "SIPAS", null, "construction", null), "groupType=area-agency&indicator=SIPAS&parent=construction"),
                     (new("", "area-agency-unit", "SIPAS", null, "land/ubnd-16681", null), "groupType=area-agency-unit&indicator=SIPAS&parent=land/ubnd-16681"),
                     (new("", "area-agency-unit", "SIPAS", "land/ubnd-16681/16681", null, null), "groupType=area-agency-unit&indicator=SIPAS&groupCode=land/ubnd-16681/16681"),
                     (new("web", "area-agency-unit", "SIPAS", "land/ubnd-16681/16681", null, null), "groupType=area-agency-unit&indicator=SIPAS&groupCode=land/ubnd-16681/16681&channel=web"),
                     (new("", "area-agency-unit", "SIPAS", "land/ubnd-16681/16681", null, "CONG_CHUC"), "groupType=area-agency-unit&indicator=SIPAS&groupCode=land/ubnd-16681/16681&section=CONG_CHUC"),
                     (new("", "province", null, null, null, null), "groupType=province"),
                 })
            yield return ($"{s}/rows?{path}", query, null, null);
    }

    /// <summary>A published 2025-H1 snapshot and a 2025-H2 one, which stores its change since H1.</summary>
    private async Task<(Wave Wave, int Id)> TwoWaves()
    {
        await ResultsData.WaveWithSnapshot(App, "2025-H1", 1, responses: 200, level: 0.7, publish: true);
        return await ResultsData.WaveWithSnapshot(App, "2025-H2", 2, responses: 300, seed: 5);
    }

    [Fact]
    public async Task KeptAnswers_AreByteForByteWhatTheEndpointWroteWithoutTheCache()
    {
        var (_, id) = await TwoWaves();
        var client = await App.SignedInClient(Roles.Analyst);

        foreach (var (path, rows, tiles, change) in Requests(id))
        {
            var first = await client.GetAsync(path, Ct);
            var hits = Cache.Hits;
            var second = await client.GetAsync(path, Ct);

            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.Equal(hits + 1, Cache.Hits);   // the second answer came from memory
            var expected = await Uncached(id, rows, tiles, change);
            Assert.Equal(expected, await first.Content.ReadAsByteArrayAsync(Ct));
            Assert.Equal(expected, await second.Content.ReadAsByteArrayAsync(Ct));
            Assert.Equal("application/json; charset=utf-8", second.Content.Headers.ContentType!.ToString());
        }
        var criteria = Requests(id).Single(r => r.Rows?.Section == "CONG_CHUC").Path;
        Assert.True((await client.GetFromJsonAsync<List<ResultRowView>>(criteria, Ct))!.Count > 2);   // the section and its criteria
        var stored = await client.GetFromJsonAsync<ChangeSincePreviousWave>($"/api/results/snapshots/{id}/change", Ct);
        Assert.NotEmpty(stored!.Indicators);   // a stored change, kept
    }

    /// <summary>The answer as the endpoint wrote it before the cache: the value read from PostgreSQL as TypedResults.Ok.</summary>
    private async Task<byte[]> Uncached(int id, GetRows.Query? rows, string? tiles, string? change)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SipasDb>();
        IResult ok = rows is not null ? TypedResults.Ok(await GetRows.Read(db, id, rows, Ct))
            : tiles is not null ? TypedResults.Ok(await GetIndicators.Read(db, id, tiles, Ct))
            : TypedResults.Ok((await GetChange.Read(db, id, change!, Ct)).Change);
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        using var body = new MemoryStream();
        http.Response.Body = body;
        await ok.ExecuteAsync(http);
        return body.ToArray();
    }

    [Theory]
    [InlineData("anonymous", HttpStatusCode.Unauthorized)]
    [InlineData(Roles.Surveyor, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Supervisor, HttpStatusCode.Forbidden)]
    public async Task WithoutTheRole_IsRefused_EvenWhenTheAnswerIsKept(string role, HttpStatusCode expected)
    {
        var (_, id) = await ResultsData.WaveWithSnapshot(App, responses: 60);
        var analyst = await App.SignedInClient(Roles.Analyst);
        var other = role == "anonymous" ? App.NewClient() : await App.SignedInClient(role);

        foreach (var (path, _, _, _) in Requests(id))
        {
            var kept = await analyst.GetAsync(path, Ct);
            (await analyst.GetAsync(path, Ct)).EnsureSuccessStatusCode();
            var (hits, misses) = (Cache.Hits, Cache.Misses);
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.IfNoneMatch.Add(kept.Headers.ETag!);

            var refused = await other.SendAsync(request, Ct);

            Assert.Equal(expected, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("estimate", await refused.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
            Assert.Equal((hits, misses), (Cache.Hits, Cache.Misses));   // the handler never ran
        }
    }

    [Fact]
    public async Task IfNoneMatch_Gets304WithoutABody_AndEachEncodingHasItsOwnTag()
    {
        var (_, id) = await ResultsData.WaveWithSnapshot(App, responses: 200);
        var client = await App.SignedInClient(Roles.Analyst);
        var path = $"/api/results/snapshots/{id}/rows?groupType=unit&indicator=SIPAS";

        var plain = await client.GetAsync(path, Ct);
        var json = await plain.Content.ReadAsByteArrayAsync(Ct);
        var tag = plain.Headers.ETag!;
        Assert.False(tag.IsWeak);
        Assert.Equal((true, true, false), (plain.Headers.CacheControl!.Private, plain.Headers.CacheControl.NoCache, plain.Headers.CacheControl.Public));
        Assert.Contains("Accept-Encoding", plain.Headers.Vary);

        var again = await Send(client, path, ifNoneMatch: tag.Tag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(tag, again.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, (await Send(client, path, ifNoneMatch: "\"0123456789abcdef0123456789abcdef\"")).StatusCode);

        foreach (var (encoding, suffix) in new[] { ("br", "-br"), ("gzip", "-gz") })
        {
            var compressed = await Send(client, path, acceptEncoding: $"{encoding}, identity;q=0.5");
            Assert.Equal([encoding], compressed.Content.Headers.ContentEncoding);
            var compressedTag = compressed.Headers.ETag!.Tag;
            Assert.Equal(tag.Tag.TrimEnd('"') + suffix + "\"", compressedTag);
            var bytes = await compressed.Content.ReadAsByteArrayAsync(Ct);
            Assert.True(bytes.Length < json.Length / 2, $"{encoding}: {bytes.Length} of {json.Length} bytes");
            Assert.Equal(json, Decompress(bytes, encoding));
            var revalidated = await Send(client, path, acceptEncoding: encoding, ifNoneMatch: compressedTag);
            Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
            Assert.Equal(compressedTag, revalidated.Headers.ETag!.Tag);
        }
        var refused = await Send(client, path, acceptEncoding: "br;q=0, gzip;q=0");
        Assert.Empty(refused.Content.Headers.ContentEncoding);
        Assert.Equal(json, await refused.Content.ReadAsByteArrayAsync(Ct));
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, string path, string? acceptEncoding = null, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        if (ifNoneMatch is not null) request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(ifNoneMatch));
        return await client.SendAsync(request, Ct);
    }

    private static byte[] Decompress(byte[] bytes, string encoding)
    {
        using var input = new MemoryStream(bytes);
        using Stream stream = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        stream.CopyTo(output);
        return output.ToArray();
    }

    [Fact]
    public async Task ARerunOfTheSameSnapshot_IsServedAtOnce_NotTheKeptAnswer()
    {
        var (wave, id) = await TwoWaves();
        var client = await App.SignedInClient(Roles.Analyst);
        var paths = Requests(id).Select(r => r.Path).ToList();
        var before = new List<byte[]>();
        foreach (var path in paths)
        {
            await client.GetByteArrayAsync(path, Ct);
            before.Add(await client.GetByteArrayAsync(path, Ct));   // kept
        }

        // The job run again on the same snapshot (a retried job) after more responses arrived: new rows, new completed_at.
        await using (var db = App.Database.NewDb())
            await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 150, seed: 42, level: 0.5);
        await using (var scope = App.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ComputeWaveSnapshot>().Run(id, Ct);

        var province = Requests(id).Select((r, i) => (r, i)).Single(x => x.r.Rows?.GroupType == "province").i;
        foreach (var ((path, rows, tiles, change), i) in Requests(id).Select((r, i) => (r, i)))
        {
            var now = await client.GetByteArrayAsync(path, Ct);
            Assert.Equal(await Uncached(id, rows, tiles, change), now);
            if (i == province) Assert.NotEqual(before[i], now);
        }
    }

    [Fact]
    public async Task PublicationAndATargetChange_ShowAtOnce()
    {
        var admin = await App.SignedInClient(Roles.Admin);
        (await admin.PutAsJsonAsync("/api/admin/targets/SIPAS/2092", new TargetRequest(">", 60m, "QĐ 1/QĐ-UBND"), Ct)).EnsureSuccessStatusCode();
        Wave wave;
        await using (var db = App.Database.NewDb())
        {
            wave = await TestWaves.CreateAsync(db, "2092-H1", 2092, 1);
            await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 200, seed: 3, level: 0.85);
        }
        var first = await ResultsData.Snapshot(App, wave);
        var client = await App.SignedInClient(Roles.Analyst);
        async Task<IndicatorTile> Sipas(int id) =>
            (await client.GetFromJsonAsync<List<IndicatorTile>>($"/api/results/snapshots/{id}/indicators", Ct))!.Single(t => t.Indicator == "SIPAS");
        var kept = await Sipas(first);
        Assert.Equal("> 60,00%", kept.Target!.Display);
        Assert.Equal(kept.Target, (await Sipas(first)).Target);
        Assert.False((await client.GetFromJsonAsync<SnapshotSummary>($"/api/results/snapshots/{first}", Ct))!.Published);

        // A new target: the next snapshot is judged against it; the first keeps the verdict it was computed with.
        (await admin.PutAsJsonAsync("/api/admin/targets/SIPAS/2092", new TargetRequest(">", 99m, "QĐ 2/QĐ-UBND"), Ct)).EnsureSuccessStatusCode();
        var second = await ResultsData.Snapshot(App, wave);
        var judged = await Sipas(second);
        Assert.Equal(("> 99,00%", "QĐ 2/QĐ-UBND", "not met"), (judged.Target!.Display, judged.Target.LegalBasis, judged.Verdict));
        Assert.Equal(await Uncached(first, null, "", null),
            await client.GetByteArrayAsync($"/api/results/snapshots/{first}/indicators", Ct));

        // Publishing shows in the snapshot, the run history and the waves at once.
        (await client.PostAsJsonAsync($"/api/results/snapshots/{first}/publish", new { }, Ct)).EnsureSuccessStatusCode();
        Assert.True((await client.GetFromJsonAsync<SnapshotSummary>($"/api/results/snapshots/{first}", Ct))!.Published);
        Assert.True((await client.GetFromJsonAsync<List<SnapshotSummary>>("/api/results/runs", Ct))!.Single(r => r.Id == first).Published);
        var listed = (await client.GetFromJsonAsync<List<WaveSnapshots>>("/api/results/waves", Ct))!.Single(w => w.Code == "2092-H1");
        Assert.True(listed.Snapshots.Single(s => s.Id == first).Published);
    }

    [Fact]
    public async Task ASnapshotNotYetCompleted_IsNeverKept_AndItsFiguresShowOnceComputed()
    {
        var (wave, _) = await ResultsData.WaveWithSnapshot(App, responses: 80);
        var client = await App.SignedInClient(Roles.Analyst);
        var started = await client.PostAsJsonAsync($"/api/results/waves/{wave.Code}/snapshots", new { allChannels = true }, Ct);
        var id = (await started.Content.ReadFromJsonAsync<SnapshotSummary>(Ct))!.Id;
        var path = $"/api/results/snapshots/{id}/rows?groupType=province";

        var misses = Cache.Misses;
        Assert.Equal("[]", await client.GetStringAsync(path, Ct));
        Assert.Equal("[]", await client.GetStringAsync(path, Ct));
        Assert.Equal(misses + 2, Cache.Misses);

        await using (var scope = App.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ComputeWaveSnapshot>().Run(id, Ct);
        var rows = await client.GetFromJsonAsync<List<ResultRowView>>(path, Ct);
        Assert.NotEmpty(rows!);
        Assert.Equal(await Uncached(id, new GetRows.Query("", "province", null, null, null, null), null, null),
            await client.GetByteArrayAsync(path, Ct));
    }

    [Fact]
    public async Task ConcurrentRequests_ShareTheStampReads_AndEachGetsTheKeptAnswer()
    {
        var (_, id) = await ResultsData.WaveWithSnapshot(App, responses: 60);
        var client = await App.SignedInClient(Roles.Analyst);
        var path = $"/api/results/snapshots/{id}/rows?groupType=area&indicator=SIPAS";
        var expected = await client.GetByteArrayAsync(path, Ct);
        var reads = Cache.Stamps.Reads;

        var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => client.GetByteArrayAsync(path, Ct)));

        Assert.All(answers, a => Assert.Equal(expected, a));
        Assert.InRange(Cache.Stamps.Reads - reads, 1, 63);   // at least one read, and fewer than one a request
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/results/snapshots/{id + 1000}/rows?groupType=area", Ct)).StatusCode);
    }
}
