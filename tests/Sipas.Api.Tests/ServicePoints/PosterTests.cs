using System.Net;
using System.Text;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;
using Sipas.Testing;
using UglyToad.PdfPig;

namespace Sipas.Api.Tests.ServicePoints;

public class PosterTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => new string(string.Join("", p.GetWords().Select(w => w.Text))
            .Normalize(NormalizationForm.FormC).Where(c => !char.IsWhiteSpace(c)).ToArray())).ToArray();
    }

    private async Task AddPoints()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database, "XD-P2");
        await using var db = Database.NewDb();
        var agency = db.Agencies.Single(a => a.Code == "so-xay-dung");
        db.ServicePoints.AddRange(
            new Data.ServicePoint { Code = "XD-P1", NameVi = "Quầy 1 Sở Xây dựng", AgencyId = agency.Id, AreaCode = "construction", CreatedAt = DateTimeOffset.UtcNow },
            new Data.ServicePoint { Code = "XD-P9", NameVi = "Quầy cũ", AgencyId = agency.Id, AreaCode = "construction",
                CreatedAt = DateTimeOffset.UtcNow, RetiredAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task Poster_OfAServicePoint_CarriesItsShortLinkAndCode()
    {
        await AddPoints();
        var admin = await App.SignedInClient(Roles.Admin);

        var response = await admin.GetAsync("/api/admin/service-points/xd-p1/poster.pdf", Ct);

        response.EnsureSuccessStatusCode();
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var page = Assert.Single(Pages(await response.Content.ReadAsByteArrayAsync(Ct)));
        Assert.Contains("http://localhost/s/XD-P1", page);
        Assert.Contains("XD-P1", page.Replace("http://localhost/s/XD-P1", ""));
        Assert.Contains("SởXâydựng", page);
    }

    [Fact]
    public async Task Posters_OfAnAgency_AreOnePagePerActiveServicePoint()
    {
        await AddPoints();
        var admin = await App.SignedInClient(Roles.Admin);

        var response = await admin.GetAsync("/api/admin/agencies/so-xay-dung/posters.pdf", Ct);
        var retired = await admin.GetAsync("/api/admin/service-points/XD-P9/poster.pdf", Ct);
        var none = await admin.GetAsync("/api/admin/agencies/so-y-te/posters.pdf", Ct);
        var unknown = await admin.GetAsync("/api/admin/agencies/khong-co/posters.pdf", Ct);

        response.EnsureSuccessStatusCode();
        var pages = Pages(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(2, pages.Length);
        Assert.Contains("http://localhost/s/XD-P1", pages[0]);
        Assert.Contains("http://localhost/s/XD-P2", pages[1]);
        Assert.DoesNotContain(pages, p => p.Contains("XD-P9"));
        Assert.Equal(HttpStatusCode.Conflict, retired.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("anonymous", HttpStatusCode.Unauthorized)]
    [InlineData(Roles.Surveyor, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Supervisor, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Analyst, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Admin, HttpStatusCode.OK)]
    public async Task Posters_AreForAdminsOnly(string role, HttpStatusCode expected)
    {
        await AddPoints();
        var client = role == "anonymous" ? App.NewClient() : await App.SignedInClient(role);

        var one = await client.GetAsync("/api/admin/service-points/XD-P1/poster.pdf", Ct);
        var bulk = await client.GetAsync("/api/admin/agencies/so-xay-dung/posters.pdf", Ct);

        Assert.Equal((expected, expected), (one.StatusCode, bulk.StatusCode));
    }
}
