using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sipas.Api.Auth;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Security;

/// <summary>
/// What the app logs while citizens and staff use it, at every level down to Trace: no client IP address, no dossier
/// code, no comment text (the three things that could tie a rating to a person).
/// </summary>
public class LogPrivacyTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string ClientAddress = "198.51.100.23";
    private const string DossierCode = "HS-2025-000777";
    private const string Comment = "Chị Lan ở quầy 3 rất tận tình, số điện thoại 0912345678";

    /// <summary>Every request arrives from <see cref="ClientAddress"/>, as from a phone on the internet.</summary>
    private sealed class FromClientAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, then) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(ClientAddress);
                return then(context);
            });
            next(app);
        };
    }

    [Fact]
    public async Task RequestsOfCitizensAndStaff_LeaveNoAddressDossierCodeOrCommentInTheLogs()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database, "XD-LOG");
        var capture = new LogCapture(LogLevel.Trace);
        await using var app = App.WithWebHostBuilder(b =>
        {
            b.UseSetting("Sipas:RateLimits:SubmitsPerAddressPerMinute", "3");
            foreach (var category in new[] { "Default", "Microsoft", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Hangfire", "System" })
                b.UseSetting($"Logging:LogLevel:{category}", "Trace");
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter, FromClientAddress>());
            b.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddFilter(_ => true).AddProvider(capture));
        });
        var citizen = app.CreateClient();
        var answers = Fieldwork.SipasAnswers();
        answers["COMMENT"] = Comment;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) // stored, stored again (same id), refused (bad value), then rate-limited
            statuses.Add((await citizen.PostAsJsonAsync("/api/public/service-points/XD-LOG/responses", new
            {
                clientId = i < 2 ? Guid.Parse("0f8d3c52-6a43-4bd4-9a0e-2b7f0c5e9d11") : Guid.NewGuid(),
                answers = i == 2 ? new Dictionary<string, object>(answers) { ["TC1"] = 9 } : answers,
                dossierCode = DossierCode,
            }, Ct)).StatusCode);
        statuses.Add((await citizen.GetAsync("/api/public/service-points/NOPE", Ct)).StatusCode);
        await StaffAccounts.CreateAsync(app.Services, "log-admin", Sessions.Password, Roles.Admin);
        var staff = app.CreateClient(new() { HandleCookies = true });
        statuses.Add((await staff.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest("log-admin", Sessions.Password), Ct)).StatusCode);
        await staff.AddCsrfHeader();
        statuses.Add((await staff.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest("log-admin", "wrong-password-1"), Ct)).StatusCode);
        statuses.Add((await staff.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest("log-admin", Sessions.Password), Ct)).StatusCode);
        statuses.Add((await staff.GetAsync($"/api/results/waves/{wave.Code}/responses", Ct)).StatusCode);

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests,
            HttpStatusCode.TooManyRequests, HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized,
            HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        var lines = capture.Lines.ToList();
        Assert.True(lines.Count > 50, $"only {lines.Count} log lines captured");
        Assert.DoesNotContain(lines, l => l.Contains(ClientAddress));
        Assert.DoesNotContain(lines, l => l.Contains(DossierCode, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, l => l.Contains("0912345678") || l.Contains("Chị Lan"));
    }
}
