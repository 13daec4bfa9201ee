using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sipas.Api.Exports;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Api.Tests.Results;
using Sipas.Data;
using Sipas.Jobs;
using UglyToad.PdfPig;

namespace Sipas.Api.Tests.Exports;

/// <summary>The scorecard report kinds: rendered by the job, stored with the snapshot beside the province report, listed, downloaded.</summary>
public class ReportKindsTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Squash(string text) =>
        new(text.Normalize(System.Text.NormalizationForm.FormC).Where(c => !char.IsWhiteSpace(c)).ToArray());

    [Fact]
    public async Task AgencyScorecards_AreRenderedByTheJob_StoredWithTheirHash_ListedBesideTheProvinceReport()
    {
        var (_, id) = await ResultsData.WaveWithSnapshot(App, seed: 5);
        var client = await App.SignedInClient(Roles.Analyst);
        await client.AddCsrfHeader();
        const string path = "reports/agency-scorecards/vi";

        var start = await client.PostAsJsonAsync($"/api/results/snapshots/{id}/{path}", new { }, Ct);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RenderWaveReport>().Run(id, SnapshotReport.AgencyScorecards, "vi", Ct);
            await scope.ServiceProvider.GetRequiredService<RenderWaveReport>().Run(id, "vi", Ct);
        }
        var status = await client.GetFromJsonAsync<ReportStatus>($"/api/results/snapshots/{id}/{path}", Ct);
        var pdf = await client.GetByteArrayAsync(status!.Download, Ct);
        var list = await client.GetFromJsonAsync<List<ReportStatus>>($"/api/results/snapshots/{id}/reports", Ct);

        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        Assert.Equal(("completed", "agency-scorecards"), (status.Status, status.Kind));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), status.Sha256);
        Assert.Equal([("province", "vi"), ("agency-scorecards", "vi")], list!.Select(r => (r.Kind, r.Language)));
        await using var db = Database.NewDb();
        var agencies = await db.SnapshotResults.Where(r => r.SnapshotId == id && r.Channel == "" && r.GroupType == "agency" && r.Section == "")
            .Select(r => r.GroupCode).Distinct().ToListAsync(Ct);
        using var document = PdfDocument.Open(pdf);
        Assert.True(document.TryGetBookmarks(out var bookmarks));
        // A bookmark per agency with figures (after the cover's), each card at least a page.
        Assert.True(bookmarks.GetNodes().Count() >= agencies.Count, $"{bookmarks.GetNodes().Count()} bookmarks, {agencies.Count} agencies");
        Assert.True(document.NumberOfPages >= agencies.Count);
        var sxd = await db.Agencies.SingleAsync(a => a.Code == "so-xay-dung", Ct);
        Assert.Contains(Squash(sxd.NameVi), Squash(string.Concat(document.GetPages().Select(p => p.Text))));
    }

    [Fact]
    public async Task SectorHealthAndEducationReports_AreAskedFor_Rendered_Listed_AndDownloadedUnderTheirNames()
    {
        var (_, id) = await ResultsData.WaveWithSnapshot(App, seed: 7);
        var client = await App.SignedInClient(Roles.Analyst);
        await client.AddCsrfHeader();
        string[] kinds = [SnapshotReport.SectorLand, SnapshotReport.SectorConstruction, SnapshotReport.SectorInvestment,
            SnapshotReport.Health, SnapshotReport.Education];

        foreach (var kind in kinds)
        {
            var start = await client.PostAsJsonAsync($"/api/results/snapshots/{id}/reports/{kind}/en", new { }, Ct);
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
            await using var scope = App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RenderWaveReport>().Run(id, kind, "en", Ct);
        }
        var list = await client.GetFromJsonAsync<List<ReportStatus>>($"/api/results/snapshots/{id}/reports", Ct);
        var land = await client.GetAsync($"/api/results/snapshots/{id}/reports/sector-land/en.pdf", Ct);
        var unknown = await client.GetAsync($"/api/results/snapshots/{id}/reports/sector-forest/en", Ct);

        Assert.NotNull(list);
        Assert.Equal(kinds, list.Select(r => r.Kind));
        Assert.All(list, r => Assert.Equal("completed", r.Status));
        land.EnsureSuccessStatusCode();
        var pdf = await land.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(list[0].Sha256, Convert.ToHexStringLower(SHA256.HashData(pdf)));
        Assert.Contains("Land sector report Nghe An", land.Content.Headers.ContentDisposition!.FileNameStar);
        using var document = PdfDocument.Open(pdf);
        Assert.Contains(Squash("Sector report: Land"), Squash(document.GetPage(1).Text));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task OneScorecard_IsRenderedOnRequest_AndAnUnknownUnitIsAProblem()
    {
        var (_, id) = await ResultsData.WaveWithSnapshot(App, seed: 6);
        var client = await App.SignedInClient(Roles.Analyst);

        var one = await client.GetAsync($"/api/results/snapshots/{id}/scorecards/agency/so-xay-dung/en.pdf", Ct);
        var unknown = await client.GetAsync($"/api/results/snapshots/{id}/scorecards/agency/khong-co/vi.pdf", Ct);
        var anonymous = await App.NewClient().GetAsync($"/api/results/snapshots/{id}/scorecards/agency/so-xay-dung/vi.pdf", Ct);

        one.EnsureSuccessStatusCode();
        Assert.Equal("application/pdf", one.Content.Headers.ContentType!.MediaType);
        using var document = PdfDocument.Open(await one.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains(Squash("Department of Construction"), Squash(string.Concat(document.GetPages().Select(p => p.Text))));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
