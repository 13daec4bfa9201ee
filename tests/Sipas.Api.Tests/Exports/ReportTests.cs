using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sipas.Api.Exports;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Api.Tests.Results;
using Sipas.Data;
using Sipas.Jobs;
using UglyToad.PdfPig;

namespace Sipas.Api.Tests.Exports;

public class ReportTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task RunJob(int id, string language)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RenderWaveReport>().Run(id, language, Ct);
    }

    private static string Squash(string text) =>
        new(text.Normalize(NormalizationForm.FormC).Where(c => !char.IsWhiteSpace(c)).ToArray());

    [Fact]
    public async Task Report_IsRenderedByTheJob_StoredAndDownloaded_WithTheSnapshotsFigure()
    {
        var (previousWave, _) = await ResultsData.WaveWithSnapshot(App, "2025-H1", 1, seed: 7, level: 0.8, publish: true);
        var (wave, id) = await ResultsData.WaveWithSnapshot(App, seed: 3);
        var client = await App.SignedInClient(Roles.Analyst);

        var start = await client.PostAsJsonAsync($"/api/results/snapshots/{id}/reports/vi", new { }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var queued = await start.Content.ReadFromJsonAsync<ReportStatus>(Ct);
        Assert.Equal(("queued", 0, null), (queued!.Status, queued.Progress, queued.Download));
        await RunJob(id, "vi");
        var done = await client.GetFromJsonAsync<ReportStatus>($"/api/results/snapshots/{id}/reports/vi", Ct);
        Assert.Equal(("completed", 100), (done!.Status, done.Progress));

        var download = await client.GetAsync(done.Download, Ct);
        download.EnsureSuccessStatusCode();
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal($"Báo cáo hài lòng Nghệ An {wave.Code} (kết quả {id}).pdf", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''B%C3%A1o", download.Content.Headers.GetValues("Content-Disposition").Single());
        var pdf = await download.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(done.Sha256, Convert.ToHexStringLower(SHA256.HashData(pdf)));

        await using var db = App.Database.NewDb();
        var sipas = await db.SnapshotResults.SingleAsync(r => r.SnapshotId == id && r.Channel == "" && r.Indicator == "SIPAS"
            && r.GroupType == "province" && r.Section == "", Ct);
        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().Select(p => Squash(string.Join(' ', p.GetWords().Select(w => w.Text)))).ToList();
        var summary = pages.First(p => p.Contains(Squash("SIPAS — Chỉ số hài lòng")));
        var tile = summary[summary.IndexOf(Squash("SIPAS — Chỉ số hài lòng"), StringComparison.Ordinal)..summary.IndexOf("HEALTH—", StringComparison.Ordinal)];
        Assert.Contains(Analytics.Targets.Display(sipas.Estimate!.Value), tile);
        // The change since the previous wave's published snapshot is in the report.
        Assert.Contains(pages, p => p.Contains(previousWave.Code));
        // The annex counts responses by channel from the stored count rows.
        var paper = await db.SnapshotResults.SingleAsync(r => r.SnapshotId == id && r.Channel == "paper" && r.Indicator == "SIPAS"
            && r.GroupType == "province" && r.Section == "", Ct);
        Assert.Contains(pages, p => p.Contains(Squash("Phiếu giấy")) && p.Contains(paper.NValidResponses!.Value.ToString()));
        // Each criterion's rate, interval and stored mean score stand side by side in the breakdown.
        var criteria = await db.SnapshotResults.Where(r => r.SnapshotId == id && r.Channel == "" && r.Indicator == "SIPAS"
            && r.GroupType == "province" && r.Item != "").ToListAsync(Ct);
        Assert.NotEmpty(criteria);
        var vi = Reports.ReportFormat.Vi;
        foreach (var c in criteria)
            Assert.Contains(pages, p => p.Contains(Squash($"{vi.Percent(c.Estimate!.Value)} {vi.Interval(new Analytics.Interval(c.CiLow!.Value, c.CiHigh!.Value))} {vi.Decimal(c.MeanScore!.Value, 2)}")));
    }

    [Fact]
    public async Task RenderingTwice_StoresTheSameBytes_InEitherLanguage()
    {
        var (_, id) = await ResultsData.WaveWithSnapshot(App, responses: 200);

        await RunJob(id, "en");
        await using var db = App.Database.NewDb();
        var first = await db.SnapshotReports.AsNoTracking().SingleAsync(r => r.SnapshotId == id && r.Language == "en", Ct);
        await RunJob(id, "en");
        var second = await db.SnapshotReports.AsNoTracking().SingleAsync(r => r.SnapshotId == id && r.Language == "en", Ct);

        Assert.NotNull(first.Pdf);
        Assert.Equal(first.Pdf, second.Pdf);
        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Equal(SHA256.HashData(first.Pdf!), first.Sha256);
        using var document = PdfDocument.Open(first.Pdf!);
        Assert.Contains("Satisfaction", string.Join(' ', document.GetPage(1).GetWords().Select(w => w.Text)) +
            string.Join(' ', document.GetPages().Skip(1).First().GetWords().Select(w => w.Text)));
    }

    [Fact]
    public async Task Report_OfASnapshotStillRunning_IsAConflict_AndAnUnrenderedReportIsNotFound()
    {
        var (wave, id) = await ResultsData.WaveWithSnapshot(App, responses: 60);
        await using var db = App.Database.NewDb();
        var running = new Snapshot { WaveId = wave.Id, Status = SnapshotStatus.Running, RequestedBy = "tester", RequestedAt = DateTimeOffset.UtcNow };
        db.Snapshots.Add(running);
        await db.SaveChangesAsync(Ct);
        var client = await App.SignedInClient(Roles.Admin);

        var conflict = await client.PostAsJsonAsync($"/api/results/snapshots/{running.Id}/reports/vi", new { }, Ct);
        var missing = await client.GetAsync($"/api/results/snapshots/{id}/reports/en.pdf", Ct);
        var badLanguage = await client.PostAsJsonAsync($"/api/results/snapshots/{id}/reports/fr", new { }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, badLanguage.StatusCode);
    }

    public static IEnumerable<TheoryDataRow<string, string, string>> Cases() =>
        from endpoint in new[] { ("POST", "/reports/vi"), ("GET", "/reports/vi"), ("GET", "/reports/vi.pdf") }
        from role in new[] { "anonymous", Roles.Surveyor, Roles.Supervisor, Roles.Analyst, Roles.Admin }
        select new TheoryDataRow<string, string, string>(endpoint.Item1, endpoint.Item2, role);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ReportEndpoint_IsForAnalystsAndAdminsOnly(string method, string path, string role)
    {
        var (_, id) = await ResultsData.WaveWithSnapshot(App, responses: 60);
        await RunJob(id, "vi");
        var client = role == "anonymous" ? App.NewClient() : await App.SignedInClient(role);
        if (role == "anonymous") await client.AddCsrfHeader();
        var url = $"/api/results/snapshots/{id}{path}";

        var response = method == "GET" ? await client.GetAsync(url, Ct) : await client.PostAsJsonAsync(url, new { }, Ct);

        var expected = role switch
        {
            "anonymous" => HttpStatusCode.Unauthorized,
            Roles.Analyst or Roles.Admin => method == "POST" ? HttpStatusCode.Accepted : HttpStatusCode.OK,
            _ => HttpStatusCode.Forbidden,
        };
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task StartingARendering_WithoutCsrfToken_IsRefused()
    {
        var (_, id) = await ResultsData.WaveWithSnapshot(App, responses: 60);
        var client = await App.SignedInClient(Roles.Analyst);
        client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");

        var response = await client.PostAsJsonAsync($"/api/results/snapshots/{id}/reports/vi", new { }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
